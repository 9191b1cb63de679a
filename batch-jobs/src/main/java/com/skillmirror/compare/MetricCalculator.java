package com.skillmirror.compare;

import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillDefinition.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a skill's metrics on one take. Angle metrics read the take itself (each signal with its short gaps
 * bridged); DEVIATION and TEMPO come from the alignment; SPEECH values are supplied by the caller.
 */
final class MetricCalculator {

    /** What the alignment found, for the metrics that need it. */
    record AlignmentFacts(Map<String, Double> rmsByFeature, double durationRatio,
            Map<String, List<int[]>> phaseFrames) {
    }

    private final double maxGapMs;

    MetricCalculator(double maxGapMs) {
        this.maxGapMs = maxGapMs;
    }

    /** Metric id to value; NaN when the take lacks what the metric needs. */
    Map<String, Double> measure(SkillDefinition skill, FeatureSeries take, AlignmentFacts facts,
            Map<String, Double> speech) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Metric m : skill.metrics()) {
            out.put(m.id(), value(m, take, facts, speech));
        }
        return out;
    }

    /** One metric's value; NaN when the take lacks what it needs. */
    double measure(Metric m, FeatureSeries take, AlignmentFacts facts, Map<String, Double> speech) {
        return value(m, take, facts, speech);
    }

    private double value(Metric m, FeatureSeries take, AlignmentFacts facts, Map<String, Double> speech) {
        switch (m.kind()) {
            case SPEECH:
                Double v = speech == null ? null : speech.get(m.field());
                return v == null ? Double.NaN : v;
            case TEMPO:
                return facts == null ? Double.NaN : facts.durationRatio();
            case DEVIATION: {
                if (facts == null) {
                    return Double.NaN;
                }
                double sum = 0;
                for (String s : m.signal()) {
                    Double r = facts.rmsByFeature().get(s);
                    if (r == null) {
                        return Double.NaN;
                    }
                    sum += r * r;
                }
                return Math.sqrt(sum / m.signal().size());
            }
            default:
                break;
        }
        for (String s : m.signal()) {
            if (!take.has(s)) {
                return Double.NaN;
            }
        }
        List<double[]> cols = new ArrayList<>();
        for (String s : m.signal()) {
            cols.add(filled(take, s));
        }
        switch (m.kind()) {
            case CYCLE_RATE: {
                double rate = 0;
                for (double[] c : cols) {
                    rate += cyclesPerMinute(c, take.fps()); // NaN for any signal without cycles makes it NaN
                }
                return rate;
            }
            case SYMMETRY: {
                double l = Signals.max(cols.get(0)) - Signals.min(cols.get(0));
                double r = Signals.max(cols.get(1)) - Signals.min(cols.get(1));
                return symmetryIndex(l, r);
            }
            case MEAN_SPEED: {
                double sum = 0;
                for (double[] c : cols) {
                    sum += meanSpeed(c, take.fps());
                }
                return sum / cols.size();
            }
            default:
                break;
        }
        double[] signal = Signals.meanOf(cols);
        if (m.phase() != null) {
            List<int[]> spans = facts == null ? null : facts.phaseFrames().get(m.phase());
            if (spans == null || spans.isEmpty()) {
                return Double.NaN;
            }
            // every occurrence of the phase (one per cycle of a cyclic skill), end to end
            List<Double> within = new ArrayList<>();
            for (int[] span : spans) {
                for (int t = span[0]; t <= span[1]; t++) {
                    within.add(signal[t]);
                }
            }
            signal = within.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return switch (m.kind()) {
            case MIN -> Signals.min(signal);
            case MAX -> Signals.max(signal);
            case RANGE -> Signals.max(signal) - Signals.min(signal);
            case MEAN -> Signals.mean(signal);
            case MEAN_ABS -> {
                double[] abs = signal.clone();
                for (int i = 0; i < abs.length; i++) {
                    abs[i] = Math.abs(abs[i]);
                }
                yield Signals.mean(abs);
            }
            default -> throw new IllegalStateException("Unhandled metric kind " + m.kind());
        };
    }

    private double[] filled(FeatureSeries take, String name) {
        FeatureSeries one = take.select(List.of(name));
        // bridge short gaps but keep the frame count (long gaps stay NaN), so times and phase spans still line up
        double[] c = one.column(name);
        int maxGap = (int) Math.floor(maxGapMs * take.fps() / 1000.0);
        int t = 0;
        while (t < c.length) {
            if (!Double.isNaN(c[t])) {
                t++;
                continue;
            }
            int start = t;
            while (t < c.length && Double.isNaN(c[t])) {
                t++;
            }
            if (start > 0 && t < c.length && t - start <= maxGap) {
                for (int k = start; k < t; k++) {
                    c[k] = c[start - 1] + (c[t] - c[start - 1]) * (k - start + 1.0) / (t - start + 1.0);
                }
            }
        }
        return c;
    }

    static double symmetryIndex(double left, double right) {
        double mean = (left + right) / 2;
        return mean <= 1e-9 ? 0 : Math.abs(left - right) / mean * 100;
    }

    /**
     * Clear minima per minute, from the spacing of the minima in each unbroken run of values (more precise than
     * counting over the whole take, which is off by up to one cycle). A minimum is clear when it is at least a third
     * of the signal's range (and 10 degrees) below its surroundings, so landmark jitter is not counted.
     */
    static double cyclesPerMinute(double[] c, double fps) {
        double range = Signals.max(c) - Signals.min(c);
        double prominence = Math.max(10, range / 3);
        int intervals = 0;
        double spanFrames = 0;
        int t = 0;
        while (t < c.length) {
            while (t < c.length && Double.isNaN(c[t])) {
                t++;
            }
            int start = t;
            while (t < c.length && !Double.isNaN(c[t])) {
                t++;
            }
            if (t - start < 3) {
                continue;
            }
            List<Integer> minima = Signals.prominentMinima(java.util.Arrays.copyOfRange(c, start, t), prominence);
            if (minima.size() >= 2) {
                intervals += minima.size() - 1;
                spanFrames += minima.get(minima.size() - 1) - minima.get(0);
            }
        }
        // fewer than two clear minima: no rate can be measured (not the same as a rate of zero)
        return intervals == 0 ? Double.NaN : intervals / (spanFrames / fps) * 60;
    }

    private static double meanSpeed(double[] c, double fps) {
        double sum = 0;
        int n = 0;
        for (int i = 1; i < c.length; i++) {
            if (!Double.isNaN(c[i]) && !Double.isNaN(c[i - 1])) {
                sum += Math.abs(c[i] - c[i - 1]) * fps;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
