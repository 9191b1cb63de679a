package com.skillmirror.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A take split into repetitions (see {@link Repetitions}): each scored against the pattern, the best and the worst,
 * how consistent they were and how they changed over the set. Part of a {@link Comparison} when the take held two
 * or more repetitions; a comparison stored before repetitions existed has none (the old shape).
 *
 * @param count            repetitions found
 * @param overallScore     the take's score: the median of the repetition scores ({@link #OVERALL_RULE})
 * @param wholeTakeScore   the take compared as one (what the score was before repetitions), for reference
 * @param best             number (1-based) of the repetition with the highest score
 * @param worst            number of the repetition with the lowest score
 * @param scores           spread of the repetition scores
 * @param durationMs       spread of the repetitions' durations
 * @param metrics          per skill metric measured on every repetition: its spread and trend
 * @param trend            the score over the set (fatigue), in numbers and words
 * @param split            how the take was cut, and what was left out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepetitionSet(int count, double overallScore, String overallScoreRule, Double wholeTakeScore,
        List<Rep> reps, int best, int worst, Spread scores, Spread durationMs, List<MetricSeries> metrics,
        Trend trend, SplitInfo split) {

    public static final String OVERALL_RULE = "With two or more repetitions the take's score is the median of the"
            + " repetition scores (each repetition compared with the pattern on its own): one bad repetition does not"
            + " sink a good set, and the score does not depend on how many repetitions were filmed.";

    public RepetitionSet {
        reps = reps == null ? List.of() : List.copyOf(reps);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** The same set without these metrics (those the camera view could not support on the whole take). */
    public RepetitionSet withoutMetrics(java.util.Set<String> ids) {
        if (ids.isEmpty()) {
            return this;
        }
        List<Rep> kept = reps.stream().map(r -> r.metrics() == null ? r : new Rep(r.number(), r.fromFrame(),
                r.toFrame(), r.fromMs(), r.toMs(), r.durationMs(), r.score(), r.mirrored(), r.keyFrame(),
                without(r.metrics(), ids), r.error())).toList();
        return new RepetitionSet(count, overallScore, overallScoreRule, wholeTakeScore, kept, best, worst, scores,
                durationMs, metrics.stream().filter(m -> !ids.contains(m.id())).toList(), trend, split);
    }

    private static Map<String, Double> without(Map<String, Double> metrics, java.util.Set<String> ids) {
        Map<String, Double> out = new java.util.LinkedHashMap<>(metrics);
        out.keySet().removeAll(ids);
        return out;
    }

    /**
     * One repetition.
     *
     * @param number    1-based, in time order
     * @param fromFrame first frame (as in the pose series)
     * @param toFrame   last frame
     * @param score     0-100 against the pattern; null when too little of it was visible ({@code error} says why)
     * @param keyFrame  the frame of the skill's main event in this repetition (e.g. the bottom of a squat)
     * @param metrics   the skill's metrics measured on this repetition alone, by id
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rep(int number, int fromFrame, int toFrame, long fromMs, long toMs, double durationMs, Double score,
            Boolean mirrored, KeyFrame keyFrame, Map<String, Double> metrics, String error) {
    }

    /** A frame to show: the event it is, the frame index (as in the pose series) and its time. */
    public record KeyFrame(String event, int frameIndex, long timeMs) {
    }

    /**
     * @param sd        sample standard deviation
     * @param cvPercent coefficient of variation, sd / |mean| × 100; null when the mean is near 0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spread(Double mean, Double sd, Double cvPercent, Double min, Double max) {
    }

    /**
     * @param slopePerRep       least-squares slope over the repetition number
     * @param changeFirstToLast the fitted line's change from the first to the last repetition
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetricSeries(String id, String name, String unit, Spread spread, Double slopePerRep,
            Double changeFirstToLast) {
    }

    /**
     * @param scoreSlopePerRep       least-squares slope of the score over the repetition number, points per repetition
     * @param scoreChangeFirstToLast the fitted line's change from the first to the last repetition, points
     * @param summary                in words, e.g. "Scores fell 8 points from the first to the last repetition"
     */
    public record Trend(Double scoreSlopePerRep, Double scoreChangeFirstToLast, String summary) {
    }

    /**
     * @param event         the skill's event each repetition has once
     * @param minProminence how clear an event had to be, in {@code unit}
     * @param minSpacingMs  the least time between two repetitions' events
     * @param leftOut       what is in no repetition and why (partial repetitions at the ends); null when nothing
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SplitInfo(String event, String rule, Double minProminence, String unit, Double minSpacingMs,
            String leftOut) {
    }
}
