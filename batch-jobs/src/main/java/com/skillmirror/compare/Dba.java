package com.skillmirror.compare;

import java.util.List;

/**
 * DTW Barycenter Averaging (Petitjean, Ketterlin &amp; Gançarski, Pattern Recognition 44(3), 2011): the average of
 * several takes of one movement that keeps its shape. A plain sample-by-sample mean of takes with different timing
 * smears every peak; DBA instead aligns each take to the current average with DTW and replaces each average sample
 * by the mean of the take samples aligned to it, a few times over.
 */
final class Dba {

    /** The average, and per sample and feature the standard deviation of the take values aligned to it. */
    record Result(double[][] mean, double[][] spread, int iterations) {
    }

    private Dba() {
    }

    /**
     * @param takes      gap-free, same columns, any lengths
     * @param init       the starting average (e.g. the medoid take, resampled to the wanted length)
     * @param weights    DTW weight per column
     * @param radius     Sakoe-Chiba band radius in samples
     * @param iterations at most this many refinements; stops early when the average no longer moves
     */
    static Result average(List<double[][]> takes, double[][] init, double[] weights, int radius, int iterations) {
        int n = init.length;
        int w = init[0].length;
        double[][] avg = new double[n][];
        for (int i = 0; i < n; i++) {
            avg[i] = init[i].clone();
        }
        Gaps.fillAll(avg);
        double[][] spread = new double[n][w];
        int[][] count = new int[n][w];
        int done = 0;
        for (int it = 0; it < iterations; it++) {
            double[][] sum = new double[n][w];
            double[][] sumSq = new double[n][w];
            count = new int[n][w];
            for (double[][] take : takes) {
                Dtw.Alignment a = Dtw.align(avg, take, weights, radius);
                for (int k = 0; k < a.length(); k++) {
                    int i = a.x()[k];
                    double[] v = take[a.y()[k]];
                    for (int f = 0; f < w; f++) {
                        if (!Double.isNaN(v[f])) {
                            sum[i][f] += v[f];
                            sumSq[i][f] += v[f] * v[f];
                            count[i][f]++;
                        }
                    }
                }
            }
            double moved = 0;
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < w; f++) {
                    double mean = count[i][f] == 0 ? Double.NaN : sum[i][f] / count[i][f];
                    if (!Double.isNaN(mean) && !Double.isNaN(avg[i][f])) {
                        moved = Math.max(moved, Math.abs(mean - avg[i][f]));
                    }
                    avg[i][f] = mean;
                    spread[i][f] = count[i][f] == 0 ? Double.NaN
                            : Math.sqrt(Math.max(0, sumSq[i][f] / count[i][f] - mean * mean));
                }
            }
            // a sample no take value was aligned to (all takes had a gap there) is bridged from its neighbours
            Gaps.fillAll(avg);
            Gaps.fillAll(spread);
            done = it + 1;
            if (moved < 1e-3) {
                break;
            }
        }
        unknownWhereUnseen(avg, spread, count);
        return retime(takes, avg, spread, weights, radius, done);
    }

    /**
     * Where no take showed an angle (every take had a gap there, e.g. a far leg hidden behind the near one), the
     * bridged mean is a guess: its spread becomes the angle's own variation over the seen samples (its standard
     * deviation), so a take that does show the angle there is not marked down for the guess, and a chart of the
     * pattern shows the band wide where the experts were not seen.
     */
    private static void unknownWhereUnseen(double[][] avg, double[][] spread, int[][] count) {
        int n = avg.length;
        int w = n == 0 ? 0 : avg[0].length;
        for (int f = 0; f < w; f++) {
            double s = 0;
            double sq = 0;
            int seen = 0;
            for (int i = 0; i < n; i++) {
                if (count[i][f] > 0) {
                    s += avg[i][f];
                    sq += avg[i][f] * avg[i][f];
                    seen++;
                }
            }
            if (seen == n || seen == 0) {
                continue;
            }
            double mean = s / seen;
            double sd = Math.sqrt(Math.max(0, sq / seen - mean * mean));
            for (int i = 0; i < n; i++) {
                if (count[i][f] == 0) {
                    spread[i][f] = Math.max(spread[i][f], sd);
                }
            }
        }
    }

    /**
     * DBA keeps the timing of its starting take. Put the average on the takes' mean timing instead: each average
     * sample is moved to the mean normalised time of the take samples aligned to it, then the curves are resampled
     * on an even grid. Without this a pattern built from a rushed medoid would itself look rushed.
     */
    private static Result retime(List<double[][]> takes, double[][] avg, double[][] spread, double[] weights,
            int radius, int iterations) {
        int n = avg.length;
        double[] time = new double[n];
        for (double[][] take : takes) {
            Dtw.Alignment a = Dtw.align(avg, take, weights, radius);
            double[] sum = new double[n];
            int[] count = new int[n];
            for (int k = 0; k < a.length(); k++) {
                sum[a.x()[k]] += a.y()[k] / (take.length - 1.0);
                count[a.x()[k]]++;
            }
            for (int i = 0; i < n; i++) {
                time[i] += sum[i] / count[i] / takes.size();
            }
        }
        double[][] mean = new double[n][];
        double[][] sd = new double[n][];
        int i = 0;
        for (int j = 0; j < n; j++) {
            double t = j / (n - 1.0);
            while (i < n - 2 && time[i + 1] < t) {
                i++;
            }
            double span = time[i + 1] - time[i];
            double frac = span <= 1e-12 ? 0 : Math.max(0, Math.min(1, (t - time[i]) / span));
            mean[j] = lerp(avg[i], avg[i + 1], frac);
            sd[j] = lerp(spread[i], spread[i + 1], frac);
        }
        return new Result(mean, sd, iterations);
    }

    private static double[] lerp(double[] a, double[] b, double frac) {
        double[] out = new double[a.length];
        for (int f = 0; f < a.length; f++) {
            out[f] = a[f] + (b[f] - a[f]) * frac;
        }
        return out;
    }
}
