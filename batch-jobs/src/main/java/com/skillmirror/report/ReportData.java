package com.skillmirror.report;

import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.notes.CoachNote;
import com.skillmirror.report.progress.SkillTrend;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one video's report shows.
 *
 * @param results      the video's stage results, typed
 * @param keyFrames    key-frame JPEGs by label (e.g. the artifact kinds {@code keyframe-min}, {@code keyframe-max}),
 *                     shown in this order; may be empty
 * @param angles       the athlete's angle series for the charts; null = no charts (e.g. the pose stage failed)
 * @param patternMeans the pattern's mean curve per angle key over normalised movement time (first sample = start,
 *                     last = end), drawn over the athlete's curve when present; may be empty
 * @param generatedAt  the report date
 * @param history      the athlete's analyses of this skill up to and including this one, oldest first, for "since
 *                     last time"; null = not looked up (the section is left out)
 * @param expertKeyFrames the compared expert's key frames by the same labels, shown beside the athlete's; may be
 *                     empty (a published norm has no footage)
 * @param notes        the coach's notes on the video, in time order on the video, each with its annotated frame; may be empty
 */
public record ReportData(VideoResults results, Map<String, byte[]> keyFrames, KinematicSeries angles,
        Map<String, double[]> patternMeans, Instant generatedAt, SkillTrend history,
        Map<String, byte[]> expertKeyFrames, List<Note> notes) {

    /**
     * A coach's note as the report lists it.
     *
     * @param frame the annotated frame (JPEG); null when it is no longer in storage (the note is listed without it)
     */
    public record Note(CoachNote note, byte[] frame) {
    }

    /** Without the coach's notes. */
    public ReportData(VideoResults results, Map<String, byte[]> keyFrames, KinematicSeries angles,
            Map<String, double[]> patternMeans, Instant generatedAt, SkillTrend history,
            Map<String, byte[]> expertKeyFrames) {
        this(results, keyFrames, angles, patternMeans, generatedAt, history, expertKeyFrames, List.of());
    }

    /** Without the expert's key frames. */
    public ReportData(VideoResults results, Map<String, byte[]> keyFrames, KinematicSeries angles,
            Map<String, double[]> patternMeans, Instant generatedAt, SkillTrend history) {
        this(results, keyFrames, angles, patternMeans, generatedAt, history, Map.of());
    }

    /** Without the athlete's history. */
    public ReportData(VideoResults results, Map<String, byte[]> keyFrames, KinematicSeries angles,
            Map<String, double[]> patternMeans, Instant generatedAt) {
        this(results, keyFrames, angles, patternMeans, generatedAt, null);
    }

    public ReportData {
        Objects.requireNonNull(results, "results");
        keyFrames = keyFrames == null ? Map.of() : new LinkedHashMap<>(keyFrames);
        patternMeans = patternMeans == null ? Map.of() : Map.copyOf(patternMeans);
        generatedAt = generatedAt == null ? Instant.now() : generatedAt;
        expertKeyFrames = expertKeyFrames == null ? Map.of() : new LinkedHashMap<>(expertKeyFrames);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A report from the results alone: no key frames and no charts. */
    public static ReportData of(VideoResults results) {
        return new ReportData(results, Map.of(), null, Map.of(), Instant.now());
    }
}
