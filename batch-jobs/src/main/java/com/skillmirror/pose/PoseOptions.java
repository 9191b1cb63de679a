package com.skillmirror.pose;

import com.skillmirror.landmarks.PoseModel;

/**
 * Options of a {@link PoseEstimator}.
 *
 * @param model landmark model complexity
 * @param numThreads TFLite (XNNPACK) threads per interpreter; 1 is best on small machines, parallelise across
 *     videos instead
 * @param maxPeople how many people to track/return (1 = MediaPipe's single-pose behaviour)
 * @param minDetectionScore detector score threshold (MediaPipe: 0.5)
 * @param minTrackingScore pose presence below which a track is dropped and the detector runs again (MediaPipe: 0.5)
 * @param smoothing One-Euro smoothing of landmarks across video frames (MediaPipe's smooth_landmarks)
 * @param detectEveryNFrames with {@code maxPeople > 1}: run the detector every N frames to pick up new people
 *     (it also runs whenever no person is tracked); ignored for one person
 */
public record PoseOptions(PoseModel model, int numThreads, int maxPeople, float minDetectionScore,
                          float minTrackingScore, boolean smoothing, int detectEveryNFrames) {

    public PoseOptions {
        if (model == null) {
            throw new IllegalArgumentException("model is required");
        }
        if (numThreads < 1) {
            throw new IllegalArgumentException("numThreads must be >= 1: " + numThreads);
        }
        if (maxPeople < 1) {
            throw new IllegalArgumentException("maxPeople must be >= 1: " + maxPeople);
        }
        if (!(minDetectionScore > 0 && minDetectionScore < 1) || !(minTrackingScore > 0 && minTrackingScore < 1)) {
            throw new IllegalArgumentException("scores must be in (0, 1)");
        }
        if (detectEveryNFrames < 1) {
            throw new IllegalArgumentException("detectEveryNFrames must be >= 1: " + detectEveryNFrames);
        }
    }

    /** MediaPipe Pose defaults: full model, 1 thread, one person, thresholds 0.5, smoothing on. */
    public static PoseOptions defaults() {
        return new PoseOptions(PoseModel.FULL, 1, 1, 0.5f, 0.5f, true, 10);
    }

    public PoseOptions withModel(PoseModel m) {
        return new PoseOptions(m, numThreads, maxPeople, minDetectionScore, minTrackingScore, smoothing, detectEveryNFrames);
    }

    public PoseOptions withNumThreads(int n) {
        return new PoseOptions(model, n, maxPeople, minDetectionScore, minTrackingScore, smoothing, detectEveryNFrames);
    }

    public PoseOptions withMaxPeople(int n) {
        return new PoseOptions(model, numThreads, n, minDetectionScore, minTrackingScore, smoothing, detectEveryNFrames);
    }

    public PoseOptions withSmoothing(boolean on) {
        return new PoseOptions(model, numThreads, maxPeople, minDetectionScore, minTrackingScore, on, detectEveryNFrames);
    }

    public PoseOptions withDetectEveryNFrames(int n) {
        return new PoseOptions(model, numThreads, maxPeople, minDetectionScore, minTrackingScore, smoothing, n);
    }

    public PoseOptions withMinDetectionScore(float s) {
        return new PoseOptions(model, numThreads, maxPeople, s, minTrackingScore, smoothing, detectEveryNFrames);
    }
}
