package com.skillmirror.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * One video's progress through the sub-steps of a stage, as a stage reports it: fractions never go back within a
 * sub-step, and events are throttled at the source (at most one every {@link #INTERVAL_MS} ms), except a sub-step's
 * first event and its completion, which are always sent. One per tasklet run (not shared between threads of
 * different videos; safe to call from several threads of one video).
 */
public final class StepProgress {

    /** At most four events a second per video and stage from here; {@link ProgressEta} keeps it so across stages. */
    public static final long INTERVAL_MS = 250;

    private final ProgressPublisher publisher;
    private final UUID uploadId;
    private final UUID videoId;
    private final Stage stage;
    private final Map<String, Double> published = new HashMap<>();
    private long lastMs = Long.MIN_VALUE;

    public StepProgress(ProgressPublisher publisher, UUID uploadId, UUID videoId, Stage stage) {
        this.publisher = publisher;
        this.uploadId = uploadId;
        this.videoId = videoId;
        this.stage = stage;
    }

    /** The sub-step has started (fraction 0). */
    public void start(String step, String message) {
        report(step, 0, message);
    }

    /** The sub-step is done (fraction 1). */
    public void done(String step, String message) {
        report(step, 1, message);
    }

    /** @param fraction 0..1 (clamped; a smaller value than already sent is sent as the larger one) */
    public synchronized void report(String step, double fraction, String message) {
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        Double before = published.get(step);
        boolean boundary = before == null || (f >= 1 && before < 1);
        long now = System.currentTimeMillis();
        if (!boundary && (f <= before || now - lastMs < INTERVAL_MS)) {
            return;
        }
        if (before != null) {
            f = Math.max(f, before);
        }
        published.put(step, f);
        lastMs = now;
        publisher.publish(ProgressEvent.step(uploadId, videoId, stage, step, f, message));
    }

    /** A listener of this sub-step's fraction 0..1. */
    public DoubleConsumer fractions(String step, String message) {
        return f -> report(step, f, message);
    }

    /** A listener of this sub-step's percentage 0..100. */
    public IntConsumer percents(String step, String message) {
        return p -> report(step, p / 100.0, message);
    }
}
