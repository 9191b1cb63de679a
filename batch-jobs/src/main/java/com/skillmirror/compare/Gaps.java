package com.skillmirror.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gap handling before alignment. Short gaps (a few frames where a landmark was not visible) are bridged by linear
 * interpolation; long ones stay gaps, because inventing a long stretch of movement would compare made-up data.
 * An angle visible in less than half of the frames the person is seen in is left out of the comparison altogether
 * (e.g. the far arm of a walker filmed from the side), and a frame is dropped when the angles still present there carry less than half
 * of the total weight: trimmed at the ends, emptied (all NaN, so timing is kept) inside. What remains may hold
 * NaN; the alignment compares what is present.
 */
final class Gaps {

    /** Angles present in less than this share of the frames with the person (after bridging) are left out. */
    static final double MIN_COVERAGE = 0.5;
    /** A frame is kept when the present angles carry at least this share of the weight. */
    static final double MIN_WEIGHT_SHARE = 0.5;

    /**
     * @param series          the kept angles, first to last usable frame (NaN where an angle is missing)
     * @param sourceFrames    per row, the input frame it came from
     * @param droppedFrames   frames trimmed or emptied
     * @param excluded        angles left out for low coverage
     * @param weights         weights of the kept angles
     */
    record Prepared(FeatureSeries series, int[] sourceFrames, int droppedFrames, int filledValues,
            List<String> excluded, double[] weights) {
    }

    private Gaps() {
    }

    static Prepared prepare(FeatureSeries s, double maxGapMs, double[] weights) {
        int maxGap = (int) Math.floor(maxGapMs * s.fps() / 1000.0);
        int n = s.length();
        int w = s.width();
        double[][] v = new double[n][];
        for (int t = 0; t < n; t++) {
            v[t] = s.values()[t].clone();
        }
        int filled = 0;
        for (int f = 0; f < w; f++) {
            filled += fillColumn(v, f, maxGap);
        }
        // coverage counts the frames the person is seen in: frames before they walk in or after they leave say
        // nothing about whether an angle of theirs can be seen
        int seen = 0;
        for (double[] row : v) {
            seen += Arrays.stream(row).anyMatch(x -> !Double.isNaN(x)) ? 1 : 0;
        }
        List<String> kept = new ArrayList<>();
        List<Integer> keptIdx = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (int f = 0; f < w; f++) {
            int present = 0;
            for (double[] row : v) {
                present += Double.isNaN(row[f]) ? 0 : 1;
            }
            if (seen > 0 && present > 0 && present >= MIN_COVERAGE * seen) {
                kept.add(s.names().get(f));
                keptIdx.add(f);
            } else {
                excluded.add(s.names().get(f));
            }
        }
        double total = 0;
        double[] keptWeights = new double[keptIdx.size()];
        for (int k = 0; k < keptWeights.length; k++) {
            keptWeights[k] = weights[keptIdx.get(k)];
            total += keptWeights[k];
        }
        // frames where too little is visible: trimmed at the ends (the person not yet / no longer there), emptied
        // inside (kept as all-NaN rows so the take keeps its timing; the alignment passes over them at no cost)
        boolean[] usable = new boolean[n];
        int first = -1;
        int last = -1;
        for (int t = 0; t < n; t++) {
            double present = 0;
            for (int k = 0; k < keptIdx.size(); k++) {
                present += Double.isNaN(v[t][keptIdx.get(k)]) ? 0 : keptWeights[k];
            }
            usable[t] = total > 0 && present >= MIN_WEIGHT_SHARE * total;
            if (usable[t]) {
                last = t;
                if (first < 0) {
                    first = t;
                }
            }
        }
        int rows = first < 0 ? 0 : last - first + 1;
        int[] source = new int[rows];
        double[][] out = new double[rows][];
        int emptied = 0;
        for (int r = 0; r < rows; r++) {
            int t = first + r;
            source[r] = t;
            double[] row = new double[keptIdx.size()];
            for (int k = 0; k < row.length; k++) {
                row[k] = usable[t] ? v[t][keptIdx.get(k)] : Double.NaN;
            }
            emptied += usable[t] ? 0 : 1;
            out[r] = row;
        }
        return new Prepared(new FeatureSeries(kept, s.fps(), out), source, n - rows + emptied, filled,
                List.copyOf(excluded), keptWeights);
    }

    /** Fills interior runs of NaN up to maxGap long, and runs at either end up to maxGap by holding the edge. */
    static int fillColumn(double[][] v, int f, int maxGap) {
        int n = v.length;
        int filled = 0;
        int t = 0;
        while (t < n) {
            if (!Double.isNaN(v[t][f])) {
                t++;
                continue;
            }
            int start = t;
            while (t < n && Double.isNaN(v[t][f])) {
                t++;
            }
            int len = t - start;
            if (len > maxGap) {
                continue;
            }
            boolean hasLeft = start > 0;
            boolean hasRight = t < n;
            if (!hasLeft && !hasRight) {
                continue;
            }
            double a = hasLeft ? v[start - 1][f] : v[t][f];
            double b = hasRight ? v[t][f] : v[start - 1][f];
            for (int k = start; k < t; k++) {
                double frac = (k - start + 1.0) / (len + 1.0);
                v[k][f] = a + (b - a) * frac;
                filled++;
            }
        }
        return filled;
    }

    /** Fills every NaN of a gap-tolerant curve set by interpolation (edges hold): for averaged pattern curves. */
    static void fillAll(double[][] v) {
        if (v.length == 0) {
            return;
        }
        for (int f = 0; f < v[0].length; f++) {
            fillColumn(v, f, v.length);
        }
    }
}
