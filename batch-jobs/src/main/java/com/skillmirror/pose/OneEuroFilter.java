package com.skillmirror.pose;

/**
 * One-Euro filter with MediaPipe's conventions (mediapipe/util/filtering/one_euro_filter): the frequency is
 * re-estimated from timestamps, the derivative is scaled by {@code valueScale}, non-increasing timestamps
 * return the raw value.
 */
final class OneEuroFilter {

    private double frequency;
    private final double minCutoff;
    private final double beta;
    private final double derivateCutoff;
    private long lastTimeNanos;
    private boolean initialized;
    private double lastRaw;
    private double lastFiltered;
    private boolean dxInitialized;
    private double lastDx;

    OneEuroFilter(double frequency, double minCutoff, double beta, double derivateCutoff) {
        this.frequency = frequency;
        this.minCutoff = minCutoff;
        this.beta = beta;
        this.derivateCutoff = derivateCutoff;
    }

    double apply(long timeNanos, double value, double valueScale) {
        if (lastTimeNanos >= timeNanos) {
            return value;
        }
        if (lastTimeNanos != 0 && timeNanos != 0) {
            frequency = 1.0 / ((timeNanos - lastTimeNanos) * 1e-9);
        }
        lastTimeNanos = timeNanos;
        double dvalue = initialized ? (value - lastRaw) * valueScale * frequency : 0.0;
        double edvalue = dxInitialized ? lowPass(dvalue, lastDx, alpha(derivateCutoff)) : dvalue;
        dxInitialized = true;
        lastDx = edvalue;
        double cutoff = minCutoff + beta * Math.abs(edvalue);
        double result = initialized ? lowPass(value, lastFiltered, alpha(cutoff)) : value;
        initialized = true;
        lastRaw = value;
        lastFiltered = result;
        return result;
    }

    private static double lowPass(double value, double previous, double alpha) {
        return alpha * value + (1.0 - alpha) * previous;
    }

    private double alpha(double cutoff) {
        double te = 1.0 / frequency;
        double tau = 1.0 / (2 * Math.PI * cutoff);
        return 1.0 / (1.0 + tau / te);
    }
}
