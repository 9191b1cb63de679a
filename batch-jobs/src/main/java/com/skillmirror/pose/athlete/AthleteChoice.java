package com.skillmirror.pose.athlete;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Who was analysed as the athlete and why, with the problems of the footage that concern people; part of the pose
 * stage's result, shown in the report and returned by the API.
 *
 * @param personId  the athlete's person id in the stored (stitched) series
 * @param basis     how they were chosen
 * @param reason    one line for the coach, e.g. "moved most in the knee and hip angles; 3 others in view"
 * @param frame     the frame the box is from: the athlete's frame nearest the thumbnail time
 * @param timeMs    that frame's time
 * @param box       the athlete's landmark box there, normalised {x0, y0, x1, y1}, clipped to the frame
 * @param others    other people seen in the video (after re-identification)
 * @param point     the coach's point, when one was given ("x,y")
 * @param warnings  problems with the footage that concern people (only a face, only legs, small people); may be empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AthleteChoice(int personId, Basis basis, String reason, int frame, long timeMs, double[] box, int others,
                            String point, List<String> warnings) {

    public AthleteChoice {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public AthleteChoice withWarnings(List<String> more) {
        return new AthleteChoice(personId, basis, reason, frame, timeMs, box, others, point, more);
    }

    public enum Basis {
        /** The only person in the video. */
        ONLY_PERSON,
        /** The coach's point on the thumbnail. */
        POINT,
        /** Without a point: the person who performed the skill's movement most (presence and range of motion). */
        MOVEMENT
    }
}
