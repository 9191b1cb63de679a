package com.skillmirror.analysis;

/**
 * How a stage ended for a video, without its result: what a report says about a stage that did not complete.
 *
 * @param error why it failed or was skipped; null when it completed
 */
public record StageOutcome(Stage stage, Status status, String error) {

    /** The values of {@code stage_result.status}. */
    public enum Status {
        COMPLETED, FAILED, SKIPPED
    }
}
