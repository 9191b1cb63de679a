package com.skillmirror.report;

import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.report.progress.SkillTrend;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 */
public record ReportData(VideoResults results, Map<String, byte[]> keyFrames, KinematicSeries angles,
        Map<String, double[]> patternMeans, Instant generatedAt, SkillTrend history,
        Map<String, byte[]> expertKeyFrames) {

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
    }

    /** A report from the results alone: no key frames and no charts. */
    public static ReportData of(VideoResults results) {
        return new ReportData(results, Map.of(), null, Map.of(), Instant.now());
    }
}
