package com.skillmirror.pose;

import com.skillmirror.landmarks.Landmark;

/**
 * Cumulative wall-clock time per part of the pose pipeline (System.nanoTime accumulators). Mutable, updated by
 * the owning {@link PoseEstimator} on its thread; read it from the same thread or after processing.
 */
public final class PoseTimings {

    long frames;
    long detectorRuns;
    long landmarkRuns;
    long preprocessNanos;
    long detectorNanos;
    long landmarkNanos;
    long postprocessNanos;

    public long frames() {
        return frames;
    }

    public long detectorRuns() {
        return detectorRuns;
    }

    public long landmarkRuns() {
        return landmarkRuns;
    }

    /** Letterbox / rotated crop into the input tensors. */
    public long preprocessNanos() {
        return preprocessNanos;
    }

    /** Detector inference. */
    public long detectorNanos() {
        return detectorNanos;
    }

    /** Landmark model inference. */
    public long landmarkNanos() {
        return landmarkNanos;
    }

    /** Decoding, NMS, projection, smoothing, tracking. */
    public long postprocessNanos() {
        return postprocessNanos;
    }

    public long totalNanos() {
        return preprocessNanos + detectorNanos + landmarkNanos + postprocessNanos;
    }

    public void reset() {
        frames = detectorRuns = landmarkRuns = 0;
        preprocessNanos = detectorNanos = landmarkNanos = postprocessNanos = 0;
    }

    public PoseTimings copy() {
        PoseTimings t = new PoseTimings();
        t.frames = frames;
        t.detectorRuns = detectorRuns;
        t.landmarkRuns = landmarkRuns;
        t.preprocessNanos = preprocessNanos;
        t.detectorNanos = detectorNanos;
        t.landmarkNanos = landmarkNanos;
        t.postprocessNanos = postprocessNanos;
        return t;
    }

    @Override
    public String toString() {
        double f = Math.max(1, frames);
        return String.format(java.util.Locale.ROOT,
                "frames=%d detector runs=%d landmark runs=%d | per frame ms: pre %.2f, detector %.2f, landmarks %.2f, post %.2f",
                frames, detectorRuns, landmarkRuns, preprocessNanos / f / 1e6, detectorNanos / f / 1e6,
                landmarkNanos / f / 1e6, postprocessNanos / f / 1e6);
    }
}
