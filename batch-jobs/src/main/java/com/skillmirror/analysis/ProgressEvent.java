package com.skillmirror.analysis;

import java.io.Serializable;
import java.util.UUID;

/**
 * A progress event, named as in the seed: analysis_started, analysis_progress, real_time_feedback,
 * analysis_complete, analysis_error. videoId and stage are null for upload-level events (the team report's progress
 * is upload-level with stage {@code report}).
 *
 * @param percent   the sub-step's progress, 0..100 ({@code fraction} in percent, rounded down)
 * @param step      the sub-step: {@code probe}, {@code proxy}, {@code audio}, {@code pose/<first frame>} (one per
 *                  segment), {@code summary}, {@code exports}, {@code keyframes}, {@code overlay}, {@code speech},
 *                  {@code compare}, {@code report}, {@code pdf}, {@code team-report}; the stage's name for events of
 *                  no particular sub-step
 * @param fraction  how much of the sub-step is done, 0..1, never decreasing within a sub-step of a video
 * @param etaSeconds how long until this video's report is written, estimated ({@link ProgressEta}); 0 when done or
 *                  not estimated (events straight from a remote worker, before the manager estimates them)
 * @param uploadEtaSeconds how long until the whole upload (team report included) is done, estimated
 */
public record ProgressEvent(String type, UUID uploadId, UUID videoId, String stage, int percent, String message,
                            long timestampMs, String step, double fraction, long etaSeconds, long uploadEtaSeconds)
        implements Serializable {

    public static final String STARTED = "analysis_started";
    public static final String PROGRESS = "analysis_progress";
    public static final String FEEDBACK = "real_time_feedback";
    public static final String COMPLETE = "analysis_complete";
    public static final String ERROR = "analysis_error";

    /** An event of the stage as a whole: its step is the stage's name, its fraction the percentage. */
    public static ProgressEvent of(String type, UUID uploadId, UUID videoId, Stage stage, int percent, String message) {
        String name = stage == null ? null : stage.stepName();
        return new ProgressEvent(type, uploadId, videoId, name, percent, message, System.currentTimeMillis(), name,
                Math.max(0, Math.min(100, percent)) / 100.0, 0, 0);
    }

    /** Progress of one sub-step of a stage: fraction 0..1 (clamped), percent from it. */
    public static ProgressEvent step(UUID uploadId, UUID videoId, Stage stage, String step, double fraction,
                                     String message) {
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        return new ProgressEvent(PROGRESS, uploadId, videoId, stage == null ? null : stage.stepName(),
                (int) Math.floor(f * 100 + 1e-9), message, System.currentTimeMillis(), step, f, 0, 0);
    }

    /** The same event with the estimates of {@link ProgressEta}. */
    public ProgressEvent withEta(long videoSeconds, long uploadSeconds) {
        return new ProgressEvent(type, uploadId, videoId, stage, percent, message, timestampMs, step, fraction,
                Math.max(0, videoSeconds), Math.max(0, uploadSeconds));
    }
}
