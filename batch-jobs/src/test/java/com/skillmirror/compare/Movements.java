package com.skillmirror.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * Parametrised angle curves for skills we have no footage of. A squat: knees and hips flex from standing (175 deg)
 * to the bottom and back with eased (cosine) motion, the trunk leans forward in proportion, the descent takes
 * {@code descentShare} of the repetition; the right knee bends 3 deg less than the left (a real body is not
 * perfectly symmetric, so mirroring is visible). A jumping jack: arms from the sides to overhead and legs apart,
 * knees nearly straight.
 */
final class Movements {

    private Movements() {
    }

    /** Progress 0 → 1 → 0 over normalised time, with the turning point at {@code descentShare}. */
    static double downUp(double t, double descentShare) {
        if (t < descentShare) {
            return (1 - Math.cos(Math.PI * t / descentShare)) / 2;
        }
        return (1 + Math.cos(Math.PI * (t - descentShare) / (1 - descentShare))) / 2;
    }

    /**
     * @param warp maps normalised clock time to movement progress time (identity = even tempo)
     */
    static FeatureSeries squat(double seconds, double fps, double kneeDepth, double descentShare,
            DoubleUnaryOperator warp) {
        int n = (int) Math.round(seconds * fps);
        Map<String, double[]> cols = columns(n, "left_knee_angle", "right_knee_angle", "left_hip_angle",
                "right_hip_angle", "trunk_lean", "left_elbow_angle", "right_elbow_angle", "left_shoulder_angle",
                "right_shoulder_angle", "left_thigh_orientation", "right_thigh_orientation");
        double depthShare = (175 - kneeDepth) / 105.0;
        for (int i = 0; i < n; i++) {
            double s = downUp(warp.applyAsDouble(i / (n - 1.0)), descentShare);
            double knee = 175 - (175 - kneeDepth) * s;
            cols.get("left_knee_angle")[i] = knee;
            cols.get("right_knee_angle")[i] = knee + 3 * s;
            cols.get("left_hip_angle")[i] = 175 - (180 - kneeDepth) * s;
            cols.get("right_hip_angle")[i] = 175 - (180 - kneeDepth) * s + 2 * s;
            cols.get("trunk_lean")[i] = 40 * depthShare * s;
            // arms held forward for balance
            cols.get("left_elbow_angle")[i] = 170;
            cols.get("right_elbow_angle")[i] = 170;
            cols.get("left_shoulder_angle")[i] = 60 + 30 * s;
            cols.get("right_shoulder_angle")[i] = 60 + 30 * s;
            cols.get("left_thigh_orientation")[i] = 80 * depthShare * s;
            cols.get("right_thigh_orientation")[i] = 78 * depthShare * s;
        }
        return FeatureSeries.ofColumns(fps, cols);
    }

    static FeatureSeries squat(double seconds, double fps, double kneeDepth) {
        return squat(seconds, fps, kneeDepth, 0.5, t -> t);
    }

    /** One jumping jack per {@code seconds}, {@code reps} of them. */
    static FeatureSeries jumpingJacks(double seconds, double fps, int reps) {
        int n = (int) Math.round(seconds * fps);
        Map<String, double[]> cols = columns(n, "left_knee_angle", "right_knee_angle", "left_hip_angle",
                "right_hip_angle", "trunk_lean", "left_elbow_angle", "right_elbow_angle", "left_shoulder_angle",
                "right_shoulder_angle", "left_thigh_orientation", "right_thigh_orientation");
        for (int i = 0; i < n; i++) {
            double t = (i / (n - 1.0) * reps) % 1.0;
            double s = downUp(t, 0.5);
            cols.get("left_knee_angle")[i] = 172 - 8 * s;
            cols.get("right_knee_angle")[i] = 172 - 8 * s;
            cols.get("left_hip_angle")[i] = 176 - 6 * s;
            cols.get("right_hip_angle")[i] = 176 - 6 * s;
            cols.get("trunk_lean")[i] = 0;
            cols.get("left_elbow_angle")[i] = 172;
            cols.get("right_elbow_angle")[i] = 172;
            cols.get("left_shoulder_angle")[i] = 15 + 150 * s;
            cols.get("right_shoulder_angle")[i] = 15 + 150 * s;
            cols.get("left_thigh_orientation")[i] = 3 + 15 * s;
            cols.get("right_thigh_orientation")[i] = -3 - 15 * s;
        }
        return FeatureSeries.ofColumns(fps, cols);
    }

    static FeatureSeries withNoise(FeatureSeries s, double sigmaDeg, long seed) {
        Random random = new Random(seed);
        double[][] v = new double[s.length()][s.width()];
        for (int t = 0; t < v.length; t++) {
            for (int f = 0; f < s.width(); f++) {
                v[t][f] = s.values()[t][f] + sigmaDeg * random.nextGaussian();
            }
        }
        return new FeatureSeries(s.names(), s.fps(), v);
    }

    /** The same movement played {@code factor} times as long (same fps, so more frames). */
    static FeatureSeries stretched(FeatureSeries s, double factor) {
        int n = (int) Math.round(s.length() * factor);
        return new FeatureSeries(s.names(), s.fps(), Signals.resampleRows(s.values(), n));
    }

    private static Map<String, double[]> columns(int n, String... names) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String name : names) {
            cols.put(name, new double[n]);
        }
        return cols;
    }
}
