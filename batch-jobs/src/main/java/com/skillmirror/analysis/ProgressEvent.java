package com.skillmirror.analysis;

import java.io.Serializable;
import java.util.UUID;

/**
 * A progress event, named as in the seed: analysis_started, analysis_progress, real_time_feedback,
 * analysis_complete, analysis_error. videoId and stage are null for upload-level events.
 */
public record ProgressEvent(String type, UUID uploadId, UUID videoId, String stage, int percent, String message,
                            long timestampMs) implements Serializable {

    public static final String STARTED = "analysis_started";
    public static final String PROGRESS = "analysis_progress";
    public static final String FEEDBACK = "real_time_feedback";
    public static final String COMPLETE = "analysis_complete";
    public static final String ERROR = "analysis_error";

    public static ProgressEvent of(String type, UUID uploadId, UUID videoId, Stage stage, int percent, String message) {
        return new ProgressEvent(type, uploadId, videoId, stage == null ? null : stage.stepName(), percent, message,
                System.currentTimeMillis());
    }
}
