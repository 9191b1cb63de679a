package com.skillmirror.compare;

/**
 * Multivariate dynamic time warping with a Sakoe-Chiba band (Sakoe &amp; Chiba, IEEE Trans. ASSP 1978), the
 * band following the diagonal when the two sequences differ in length. Written here because no maintained Java
 * library offers weighted multivariate DTW with a band; the algorithm is the textbook recurrence
 * D(i,j) = d(i,j) + min(D(i-1,j), D(i,j-1), D(i-1,j-1)) with d = weighted squared Euclidean distance over the
 * features present in both samples (NaN = missing).
 * Memory is O(n * band), not O(n * m).
 */
final class Dtw {

    /** The warping path as pairs (x[k], y[k]) from (0,0) to (n-1,m-1), and its total cost. */
    record Alignment(int[] x, int[] y, double cost) {
        int length() {
            return x.length;
        }

        /** Cost per path step: comparable between alignments of different lengths. */
        double meanCost() {
            return cost / x.length;
        }
    }

    private Dtw() {
    }

    /**
     * @param x      rows = time, columns = features
     * @param y      same columns as x
     * @param w      weight per column
     * @param radius band half-width in samples of y around the diagonal
     */
    static Alignment align(double[][] x, double[][] y, double[] w, int radius) {
        int n = x.length;
        int m = y.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException("Cannot align an empty sequence");
        }
        // the band must at least cover the slope of the diagonal, else no path exists
        int r = Math.max(radius, (int) Math.ceil(Math.abs(m - n) / 2.0) + 1);
        int[] lo = new int[n];
        int[] hi = new int[n];
        double[][] cost = new double[n][];
        for (int i = 0; i < n; i++) {
            double centre = n == 1 ? 0 : i * (m - 1.0) / (n - 1.0);
            lo[i] = Math.max(0, (int) Math.floor(centre) - r);
            hi[i] = Math.min(m - 1, (int) Math.ceil(centre) + r);
            cost[i] = new double[hi[i] - lo[i] + 1];
        }
        int width = w.length;
        double totalWeight = 0;
        for (double wf : w) {
            totalWeight += wf;
        }
        for (int i = 0; i < n; i++) {
            double[] xi = x[i];
            for (int j = lo[i]; j <= hi[i]; j++) {
                double[] yj = y[j];
                // gap-aware: only features present in both count, scaled up to the full weight so that a cell
                // with a missing angle is not cheaper than a complete one
                double d = 0;
                double present = 0;
                for (int f = 0; f < width; f++) {
                    double diff = xi[f] - yj[f];
                    if (diff == diff) {
                        d += w[f] * diff * diff;
                        present += w[f];
                    }
                }
                d = present > 0 ? d * totalWeight / present : 0;
                double best;
                if (i == 0 && j == 0) {
                    best = 0;
                } else {
                    best = Double.POSITIVE_INFINITY;
                    if (i > 0) {
                        best = Math.min(best, at(cost, lo, hi, i - 1, j));
                        best = Math.min(best, at(cost, lo, hi, i - 1, j - 1));
                    }
                    if (j > lo[i]) {
                        best = Math.min(best, cost[i][j - 1 - lo[i]]);
                    }
                }
                cost[i][j - lo[i]] = d + best;
            }
        }
        double total = at(cost, lo, hi, n - 1, m - 1);
        if (Double.isInfinite(total)) {
            throw new IllegalStateException("No warping path inside the band");
        }
        int[] px = new int[n + m];
        int[] py = new int[n + m];
        int k = n + m - 1;
        int i = n - 1;
        int j = m - 1;
        px[k] = i;
        py[k] = j;
        while (i > 0 || j > 0) {
            double diag = i > 0 && j > 0 ? at(cost, lo, hi, i - 1, j - 1) : Double.POSITIVE_INFINITY;
            double up = i > 0 ? at(cost, lo, hi, i - 1, j) : Double.POSITIVE_INFINITY;
            double left = j > 0 ? at(cost, lo, hi, i, j - 1) : Double.POSITIVE_INFINITY;
            if (diag <= up && diag <= left) {
                i--;
                j--;
            } else if (up <= left) {
                i--;
            } else {
                j--;
            }
            k--;
            px[k] = i;
            py[k] = j;
        }
        int len = n + m - k;
        int[] ox = new int[len];
        int[] oy = new int[len];
        System.arraycopy(px, k, ox, 0, len);
        System.arraycopy(py, k, oy, 0, len);
        return new Alignment(ox, oy, total);
    }

    private static double at(double[][] cost, int[] lo, int[] hi, int i, int j) {
        if (j < lo[i] || j > hi[i]) {
            return Double.POSITIVE_INFINITY;
        }
        return cost[i][j - lo[i]];
    }
}
