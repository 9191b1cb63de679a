package com.skillmirror.compare;

import java.util.ArrayList;
import java.util.List;

/** Small numeric helpers over sampled curves (NaN = no value). */
final class Signals {

    private Signals() {
    }

    /** Linear resampling of rows to n rows spanning the same first..last sample. */
    static double[][] resampleRows(double[][] rows, int n) {
        int m = rows.length;
        int w = m == 0 ? 0 : rows[0].length;
        double[][] out = new double[n][w];
        if (m == 0) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            double pos = n == 1 ? 0 : i * (m - 1.0) / (n - 1.0);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(m - 1, lo + 1);
            double frac = pos - lo;
            for (int f = 0; f < w; f++) {
                out[i][f] = rows[lo][f] * (1 - frac) + rows[hi][f] * frac;
            }
        }
        return out;
    }

    static double[] resample(double[] x, int n) {
        double[] out = new double[n];
        int m = x.length;
        for (int i = 0; i < n; i++) {
            double pos = n == 1 ? 0 : i * (m - 1.0) / (n - 1.0);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(m - 1, lo + 1);
            double frac = pos - lo;
            out[i] = x[lo] * (1 - frac) + x[hi] * frac;
        }
        return out;
    }

    /**
     * Derivative estimate of Keogh and Pazzani's derivative DTW (SDM 2001): the mean of the left slope and of the
     * slope between the two neighbours, which is less sensitive to noise than a plain difference.
     */
    static double[][] derivative(double[][] rows) {
        int n = rows.length;
        int w = n == 0 ? 0 : rows[0].length;
        double[][] d = new double[n][w];
        for (int i = 1; i < n - 1; i++) {
            for (int f = 0; f < w; f++) {
                d[i][f] = ((rows[i][f] - rows[i - 1][f]) + (rows[i + 1][f] - rows[i - 1][f]) / 2) / 2;
            }
        }
        if (n > 2) {
            d[0] = d[1].clone();
            d[n - 1] = d[n - 2].clone();
        }
        return d;
    }

    /** Mean of several columns per row, ignoring NaN (NaN when all are). */
    static double[] meanOf(List<double[]> columns) {
        int n = columns.get(0).length;
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            double s = 0;
            int c = 0;
            for (double[] col : columns) {
                if (!Double.isNaN(col[t])) {
                    s += col[t];
                    c++;
                }
            }
            out[t] = c == 0 ? Double.NaN : s / c;
        }
        return out;
    }

    static double min(double[] x) {
        double m = Double.NaN;
        for (double v : x) {
            if (!Double.isNaN(v) && (Double.isNaN(m) || v < m)) {
                m = v;
            }
        }
        return m;
    }

    static double max(double[] x) {
        double m = Double.NaN;
        for (double v : x) {
            if (!Double.isNaN(v) && (Double.isNaN(m) || v > m)) {
                m = v;
            }
        }
        return m;
    }

    static double mean(double[] x) {
        double s = 0;
        int c = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += v;
                c++;
            }
        }
        return c == 0 ? Double.NaN : s / c;
    }

    static int argMin(double[] x, int from, int to) {
        int best = -1;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(x[i]) && (best < 0 || x[i] < x[best])) {
                best = i;
            }
        }
        return best;
    }

    static int argMax(double[] x, int from, int to) {
        int best = -1;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(x[i]) && (best < 0 || x[i] > x[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Central-difference rate of change per sample (one-sided at the ends). */
    static double[] slope(double[] x) {
        int n = x.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - 1);
            int b = Math.min(n - 1, i + 1);
            d[i] = b == a ? 0 : (x[b] - x[a]) / (b - a);
        }
        return d;
    }

    /**
     * Indices of clear minima: a local minimum whose prominence (rise to the lower of the two highest points
     * before a lower value on either side) is at least {@code minProminence}. Gap-free input expected.
     */
    static List<Integer> prominentMinima(double[] x, double minProminence) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < x.length - 1; i++) {
            if (minimumProminence(x, i) >= minProminence) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The prominence of the local minimum at {@code i} (see {@link #prominentMinima}); negative when {@code i} is
     * not a local minimum. A plateau counts once, at its first sample.
     */
    static double minimumProminence(double[] x, int i) {
        if (i < 1 || i > x.length - 2 || !(x[i] < x[i - 1] && x[i] <= x[i + 1])) {
            return -1;
        }
        double leftMax = x[i];
        for (int j = i - 1; j >= 0 && x[j] >= x[i]; j--) {
            leftMax = Math.max(leftMax, x[j]);
        }
        double rightMax = x[i];
        for (int j = i + 1; j < x.length && x[j] >= x[i]; j++) {
            rightMax = Math.max(rightMax, x[j]);
        }
        return Math.min(leftMax, rightMax) - x[i];
    }

    static double round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double p = Math.pow(10, decimals);
        return Math.round(v * p) / p;
    }

    /** Null for NaN: the JSON output never carries NaN. */
    static Double rounded(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : round(v, decimals);
    }
}
