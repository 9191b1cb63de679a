package com.skillmirror.kinematics;

/** Time derivatives of gappy series (NaN = gap). */
final class Derivatives {

    private Derivatives() {
    }

    /** Units of a per second, times in ms; see {@link KinematicSeries#velocity(String)}. */
    static double[] velocity(double[] a, long[] timeMs) {
        int n = a.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            boolean here = !Double.isNaN(a[i]);
            boolean before = i > 0 && !Double.isNaN(a[i - 1]);
            boolean after = i + 1 < n && !Double.isNaN(a[i + 1]);
            if (!here) {
                v[i] = Double.NaN;
            } else if (before && after) {
                v[i] = rate(a[i - 1], a[i + 1], timeMs[i - 1], timeMs[i + 1]);
            } else if (after) {
                v[i] = rate(a[i], a[i + 1], timeMs[i], timeMs[i + 1]);
            } else if (before) {
                v[i] = rate(a[i - 1], a[i], timeMs[i - 1], timeMs[i]);
            } else {
                v[i] = Double.NaN;
            }
        }
        return v;
    }

    private static double rate(double a0, double a1, long t0, long t1) {
        return t1 > t0 ? (a1 - a0) * 1000.0 / (t1 - t0) : Double.NaN;
    }
}
