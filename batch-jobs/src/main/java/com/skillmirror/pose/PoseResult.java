package com.skillmirror.pose;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResult;
import com.skillmirror.pose.athlete.AthleteChoice;
import com.skillmirror.pose.overlay.KeyFrames;
import java.util.List;

/**
 * Who the pose stage found in a video (stage_result pose); only when someone was found, else the stage failed.
 *
 * @param fps              analysis frames per second, 3 decimals
 * @param people           people tracked
 * @param mainPersonId     the athlete (see {@code athlete} for who and why)
 * @param mainPersonFrames frames the athlete is in
 * @param meanPoseScore    the athlete's mean pose score, 3 decimals
 * @param note             who was taken as the athlete, when several people were tracked; else absent
 * @param gaps             runs of frames without the athlete
 * @param keyFrames        the moments drawn as key frames (the extremes of the athlete's key angle)
 * @param athlete          who was analysed as the athlete and why, with footage warnings about people; absent in
 *                         results written before the athlete was chosen this way
 */
public record PoseResult(String model, double fps, int framesAnalysed, int framesWithPerson, int people,
        int mainPersonId, int mainPersonFrames, double meanPoseScore,
        @JsonInclude(JsonInclude.Include.NON_NULL) String note, List<Gap> gaps, List<KeyFrame> keyFrames,
        @JsonInclude(JsonInclude.Include.NON_NULL) AthleteChoice athlete) {

    /** Without the athlete's choice (results written before it existed). */
    public PoseResult(String model, double fps, int framesAnalysed, int framesWithPerson, int people, int mainPersonId,
                      int mainPersonFrames, double meanPoseScore, String note, List<Gap> gaps, List<KeyFrame> keyFrames) {
        this(model, fps, framesAnalysed, framesWithPerson, people, mainPersonId, mainPersonFrames, meanPoseScore, note,
                gaps, keyFrames, null);
    }

    public static final StageResult<PoseResult> STAGE_RESULT = new StageResult<>(Stage.POSE, PoseResult.class, 1);

    /** Frame indices of the first and last frame of a run without the athlete; stored as [first, last]. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    public record Gap(int first, int last) {
    }

    /**
     * @param frame  the video frame index
     * @param value  the angle there, degrees, 1 decimal
     */
    public record KeyFrame(int frame, long timeMs, KeyFrames.Kind kind, double value) {
    }
}
