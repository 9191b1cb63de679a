package com.skillmirror.pose.athlete;

import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.upload.AthletePoint;
import java.util.List;
import java.util.Map;

/**
 * The whole question "who is the athlete?" for one video, as the pose stage asks it: re-identify people across the
 * tracker's tracks, choose the athlete (the coach's point, else the mover), check the footage. Either an athlete
 * with the stitched series, or why there is none, in words for the coach.
 */
public final class AthleteFinder {

    public static final String NOBODY = "No athlete detected in any frame. The pose model finds people whose head and"
            + " shoulders are in view and at least a tenth of the frame height (legs alone or people far away are not"
            + " found). Film the whole body, large enough, in good light, and upload the video again.";

    /**
     * @param series  the stitched series (one id per person), stored as the video's series
     * @param athlete who was chosen and why; null when {@code failure} is set
     * @param failure why no athlete can be analysed (nobody, a point on nobody); else null
     */
    public record Outcome(PoseSeries series, AthleteChoice athlete, String failure, TrackStitcher.Result stitching) {
    }

    private AthleteFinder() {
    }

    /**
     * @param appearances the appearances measured while tracking; may be null (videos analysed before they were)
     * @param jointWeights the skill's joints (see {@link AthleteSelector#jointWeights}); empty = large joints
     * @param point the coach's point, or null
     */
    public static Outcome find(PoseSeries tracked, AppearanceTable appearances, Map<String, Double> jointWeights,
                               AthletePoint point) {
        return find(tracked, appearances, jointWeights, point, null);
    }

    /** @param thumbnailMs when the thumbnail the point is on was taken; null: the middle of the analysed frames */
    public static Outcome find(PoseSeries tracked, AppearanceTable appearances, Map<String, Double> jointWeights,
                               AthletePoint point, Long thumbnailMs) {
        TrackStitcher.Result stitching = TrackStitcher.stitch(tracked, appearances);
        PoseSeries series = stitching.series();
        if (series.personIds().isEmpty()) {
            return new Outcome(series, null, NOBODY, stitching);
        }
        List<KinematicSeries> people = series.personIds().stream().map(id -> Kinematics.of(series, id)).toList();
        AthleteChoice choice;
        try {
            choice = AthleteSelector.choose(series, people, jointWeights, point, thumbnailMs);
        } catch (AthleteNotFoundException e) {
            return new Outcome(series, null, e.getMessage(), stitching);
        }
        return new Outcome(series, choice.withWarnings(FootageChecks.check(series, choice.personId())), null, stitching);
    }
}
