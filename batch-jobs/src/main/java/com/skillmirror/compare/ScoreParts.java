package com.skillmirror.compare;

import com.skillmirror.compare.Comparison.ScoreReliability;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The score of a take's parts, for the score's confidence band. A cyclic skill's take is scored per cycle; any other
 * take per quarter of its warping path. How much the parts' scores differ is the take's own rep-to-rep spread: the
 * whole take's score averages its parts, so its standard error is their standard deviation over sqrt(parts) (SEM),
 * the 95 % band is +/- 1.96 SEM and the smallest real change between two takes is 1.96 sqrt(2) SEM (MDC95, Weir,
 * J Strength Cond Res 19(1), 2005).
 */
final class ScoreParts {

    private static final int QUARTERS = 4;

    private final boolean byCycle;
    private final int count;
    private final double[][] sq;
    private final int[][] n;

    /** @param segments the aligned stretches (cycles when more than one) */
    <T> ScoreParts(List<T> segments, int features) {
        this.byCycle = segments.size() >= 2;
        this.count = byCycle ? segments.size() : QUARTERS;
        this.sq = new double[count][features];
        this.n = new int[count][features];
    }

    /** One excess (degrees beyond tolerance) at path step k of segment s. */
    void add(int segment, int step, int steps, int feature, double excess) {
        int part = byCycle ? segment : Math.min(QUARTERS - 1, step * QUARTERS / Math.max(1, steps));
        sq[part][feature] += excess * excess;
        n[part][feature]++;
    }

    /** Null when fewer than two parts could be scored. */
    ScoreReliability reliability(double[] weights, DoubleUnaryOperator score) {
        List<Double> scores = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            double num = 0;
            double den = 0;
            for (int f = 0; f < weights.length; f++) {
                if (n[p][f] > 0) {
                    num += weights[f] * sq[p][f] / n[p][f];
                    den += weights[f];
                }
            }
            if (den > 0) {
                scores.add(score.applyAsDouble(Math.sqrt(num / den)));
            }
        }
        return spread(scores, 1.0, byCycle ? "the spread of the score over the take's " + scores.size() + " cycles"
                : "the spread of the score over the 4 quarters of the take");
    }

    /**
     * The band of a set's score, the median of its repetitions' scores: the standard error of a median is about
     * 1.2533 times that of a mean (sqrt(pi/2), for roughly normal scores). Null with fewer than two scores.
     */
    static ScoreReliability ofRepetitions(List<Double> repetitionScores) {
        // of two scores the median is their mean
        return spread(repetitionScores, repetitionScores.size() > 2 ? Math.sqrt(Math.PI / 2) : 1,
                "the spread of the score over the set's " + repetitionScores.size() + " repetitions");
    }

    private static ScoreReliability spread(List<Double> scores, double semFactor, String basis) {
        if (scores.size() < 2) {
            return null;
        }
        double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double var = scores.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (scores.size() - 1);
        double sem = semFactor * Math.sqrt(var / scores.size());
        return new ScoreReliability(Signals.round(sem, 1), Signals.round(1.96 * sem, 1),
                Signals.round(1.96 * Math.sqrt(2) * sem, 1), scores.size(),
                scores.stream().map(v -> Signals.round(v, 1)).toList(), basis);
    }
}
