package com.skillmirror.compare;

import com.skillmirror.kinematics.Angle;
import com.skillmirror.kinematics.KinematicSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named feature curves of one take at a fixed frame rate: {@code values[frame][feature]}, degrees, NaN in gaps.
 * The compare stage's input; usually every angle of a {@link KinematicSeries} ({@link #of(KinematicSeries)}).
 * Arrays are not copied: treat instances as immutable.
 */
public record FeatureSeries(List<String> names, double fps, double[][] values) {

    public FeatureSeries {
        names = List.copyOf(names);
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be > 0, got " + fps);
        }
        for (double[] row : values) {
            if (row.length != names.size()) {
                throw new IllegalArgumentException("Every frame needs " + names.size() + " values");
            }
        }
    }

    /** From columns (all the same length), in the map's order. */
    public static FeatureSeries ofColumns(double fps, Map<String, double[]> columns) {
        List<String> names = new ArrayList<>(columns.keySet());
        int n = columns.isEmpty() ? 0 : columns.values().iterator().next().length;
        double[][] v = new double[n][names.size()];
        for (int f = 0; f < names.size(); f++) {
            double[] c = columns.get(names.get(f));
            if (c.length != n) {
                throw new IllegalArgumentException("Column " + names.get(f) + " has " + c.length + " values, not " + n);
            }
            for (int t = 0; t < n; t++) {
                v[t][f] = c[t];
            }
        }
        return new FeatureSeries(names, fps, v);
    }

    /** Every angle of a kinematic series. */
    public static FeatureSeries of(KinematicSeries k) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String name : k.angleNames()) {
            cols.put(name, k.angle(name));
        }
        return ofColumns(k.fps(), cols);
    }

    public int length() {
        return values.length;
    }

    public int width() {
        return names.size();
    }

    public double durationMs() {
        return values.length * 1000.0 / fps;
    }

    /** Index of a feature, or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    public double[] column(String name) {
        int f = indexOf(name);
        if (f < 0) {
            throw new IllegalArgumentException("No feature " + name + "; have " + names);
        }
        double[] c = new double[values.length];
        for (int t = 0; t < c.length; t++) {
            c[t] = values[t][f];
        }
        return c;
    }

    /** These features only, in this order. */
    public FeatureSeries select(List<String> wanted) {
        int[] idx = new int[wanted.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = indexOf(wanted.get(i));
            if (idx[i] < 0) {
                throw new IllegalArgumentException("The series has no feature " + wanted.get(i) + "; have " + names);
            }
        }
        double[][] v = new double[values.length][idx.length];
        for (int t = 0; t < v.length; t++) {
            for (int i = 0; i < idx.length; i++) {
                v[t][i] = values[t][idx[i]];
            }
        }
        return new FeatureSeries(wanted, fps, v);
    }

    /**
     * The same movement seen in a mirror: left and right features swap values, and segment angles (signed against
     * the picture) change sign; joint angles keep theirs. Names stay in place, so a mirrored series lines up with
     * the original column by column.
     */
    public FeatureSeries mirrored() {
        int w = width();
        int[] from = new int[w];
        double[] sign = new double[w];
        for (int f = 0; f < w; f++) {
            String other = Sides.mirrorName(names.get(f));
            int o = indexOf(other);
            from[f] = o >= 0 ? o : f;
            sign[f] = Sides.isSigned(names.get(f)) ? -1 : 1;
        }
        double[][] v = new double[values.length][w];
        for (int t = 0; t < v.length; t++) {
            for (int f = 0; f < w; f++) {
                v[t][f] = sign[f] * values[t][from[f]];
            }
        }
        return new FeatureSeries(names, fps, v);
    }

    /** Linear resampling to another frame rate over the same duration (gaps stay gaps). */
    public FeatureSeries resampled(double newFps) {
        int n = Math.max(2, (int) Math.round(values.length * newFps / fps));
        return new FeatureSeries(names, newFps, Signals.resampleRows(values, n));
    }

    /**
     * The series with repeated frames taken out: footage re-timed or converted to a higher frame rate at a constant
     * rate repeats source frames (FFmpeg's {@code setpts} + constant-rate output, {@code fps=60} on a 10 fps clip),
     * which shows in the angles as a staircase: every feature barely moves for a frame or a few, then jumps. Such a
     * run (every feature's step below {@code heldRatio} x the largest step within {@code maxRunMs} either side, and
     * the run itself no longer than {@code maxRunMs}, so a real pause is kept) stands for one source frame shown at
     * the run's centre; every frame is then re-interpolated linearly on time between these anchors. Same length,
     * frame rate and gaps as before, so frame indices keep their meaning.
     */
    public FeatureSeries withoutHeldFrames(double heldRatio, double maxRunMs) {
        int n = values.length;
        int w = width();
        if (n < 3 || w == 0) {
            return this;
        }
        double[] step = new double[n];
        for (int t = 1; t < n; t++) {
            double m = Double.NaN;
            for (int f = 0; f < w; f++) {
                double d = Math.abs(values[t][f] - values[t - 1][f]);
                if (d == d) {
                    m = Double.isNaN(m) ? d : Math.max(m, d);
                }
            }
            step[t] = m;
        }
        int reach = Math.max(1, (int) Math.floor(maxRunMs * fps / 1000.0));
        boolean[] held = new boolean[n];
        for (int t = 1; t < n; t++) {
            if (Double.isNaN(step[t])) {
                continue;
            }
            double local = 0;
            for (int k = Math.max(1, t - reach); k <= Math.min(n - 1, t + reach); k++) {
                if (!Double.isNaN(step[k])) {
                    local = Math.max(local, step[k]);
                }
            }
            // a still person has nothing to gain from it (and 1 degree is below the pose estimate's noise)
            held[t] = local > 1 && step[t] < heldRatio * local;
        }
        // anchors: (time in frames, row)
        List<double[]> anchorRows = new ArrayList<>();
        List<Double> anchorTimes = new ArrayList<>();
        int t = 0;
        while (t < n) {
            int end = t;
            while (end + 1 < n && held[end + 1]) {
                end++;
            }
            if (end > t && end - t <= reach) {
                double[] mean = new double[w];
                for (int f = 0; f < w; f++) {
                    double s = 0;
                    int c = 0;
                    for (int k = t; k <= end; k++) {
                        if (!Double.isNaN(values[k][f])) {
                            s += values[k][f];
                            c++;
                        }
                    }
                    mean[f] = c == 0 ? Double.NaN : s / c;
                }
                anchorRows.add(mean);
                anchorTimes.add((t + end) / 2.0);
            } else {
                for (int k = t; k <= end; k++) {
                    anchorRows.add(values[k]);
                    anchorTimes.add((double) k);
                }
            }
            t = end + 1;
        }
        if (anchorRows.size() == n) {
            return this;
        }
        double[][] out = new double[n][w];
        for (int f = 0; f < w; f++) {
            int a = 0;
            for (int k = 0; k < n; k++) {
                if (Double.isNaN(values[k][f])) {
                    out[k][f] = Double.NaN;
                    continue;
                }
                while (a + 1 < anchorTimes.size() && anchorTimes.get(a + 1) <= k) {
                    a++;
                }
                out[k][f] = interpolate(anchorTimes, anchorRows, a, f, k);
            }
        }
        return new FeatureSeries(names, fps, out);
    }

    private static double interpolate(List<Double> times, List<double[]> rows, int a, int f, double k) {
        // the nearest anchors at or before and after k that have this feature
        int lo = a;
        while (lo >= 0 && (times.get(lo) > k || Double.isNaN(rows.get(lo)[f]))) {
            lo--;
        }
        int hi = a + 1;
        while (hi < times.size() && (times.get(hi) < k || Double.isNaN(rows.get(hi)[f]))) {
            hi++;
        }
        if (lo < 0 && hi >= times.size()) {
            return Double.NaN;
        }
        if (lo < 0) {
            return rows.get(hi)[f];
        }
        if (hi >= times.size() || times.get(hi) - times.get(lo) < 1e-9) {
            return rows.get(lo)[f];
        }
        double frac = (k - times.get(lo)) / (times.get(hi) - times.get(lo));
        return rows.get(lo)[f] + (rows.get(hi)[f] - rows.get(lo)[f]) * frac;
    }

    /** Side helpers for feature names ({@code left_…}/{@code right_…}, as kinematics names them). */
    static final class Sides {
        private Sides() {
        }

        static String mirrorName(String name) {
            if (name.startsWith("left_")) {
                return "right_" + name.substring(5);
            }
            if (name.startsWith("right_")) {
                return "left_" + name.substring(6);
            }
            return name;
        }

        /** Segment angles are signed against the picture: a mirror negates them (see {@link Angle}). */
        static boolean isSigned(String name) {
            try {
                return Angle.byKey(name).kind() == Angle.Kind.SEGMENT;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
