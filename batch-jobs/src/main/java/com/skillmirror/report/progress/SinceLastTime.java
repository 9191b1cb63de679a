package com.skillmirror.report.progress;

import com.skillmirror.compare.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest analysis of an athlete's skill against the one before: the score and each key metric, with the change
 * and whether it is better, worse or within noise.
 *
 * @param overall  by the score when both analyses have one, otherwise by the majority of the metrics' verdicts
 * @param previous the analysis before
 * @param current  the latest analysis
 * @param changes  the score first, then the key metrics both analyses have, in the current analysis' order
 */
public record SinceLastTime(Verdict overall, ProgressPoint previous, ProgressPoint current, List<Change> changes) {

    /**
     * Score points below which a change counts as unchanged: a judgement call. The score is 100 exp(-D / 25 deg), so
     * at a score of 50 three points are 1.5 degrees of weighted deviation, under the 2 degrees that count for angles.
     */
    public static final double SCORE_UNCHANGED_BELOW = 3.0;
    public static final String SCORE = "Score (0-100)";
    static final String NOISE = "within noise";

    public enum Verdict {
        IMPROVED, REGRESSED, UNCHANGED;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One number then and now; {@code delta} = after - before; {@code why} says in a few words what the verdict rests
     * on ("within noise", "within the target both times", "closer to the target", "smaller deviation", ...).
     */
    public record Change(String label, double before, double after, double delta, Verdict verdict, String why) {
    }

    public SinceLastTime {
        changes = List.copyOf(changes);
    }

    /**
     * The comparison of the trend's last two analyses, judged with the current analysis' targets (its comparison);
     * empty when the trend has fewer than two analyses.
     */
    public static Optional<SinceLastTime> of(SkillTrend trend, Comparison currentComparison) {
        if (trend == null || trend.previous() == null) {
            return Optional.empty();
        }
        ProgressPoint before = trend.previous();
        ProgressPoint after = trend.latest();
        List<Change> changes = new ArrayList<>();
        Change score = null;
        if (before.score() != null && after.score() != null) {
            double d = after.score() - before.score();
            score = Math.abs(d) < SCORE_UNCHANGED_BELOW
                    ? new Change(SCORE, before.score(), after.score(), d, Verdict.UNCHANGED, NOISE)
                    : new Change(SCORE, before.score(), after.score(), d, d > 0 ? Verdict.IMPROVED : Verdict.REGRESSED,
                            d > 0 ? "higher" : "lower");
            changes.add(score);
        }
        Map<String, KeyMetrics.Spec> specs = KeyMetrics.specs(currentComparison);
        for (Map.Entry<String, Double> m : after.metrics().entrySet()) {
            Double was = before.metrics().get(m.getKey());
            KeyMetrics.Spec spec = specs.get(m.getKey());
            if (was == null || m.getValue() == null || spec == null) {
                continue;
            }
            changes.add(change(spec, was, m.getValue()));
        }
        Verdict overall;
        if (score != null) {
            overall = score.verdict();
        } else {
            long up = changes.stream().filter(c -> c.verdict() == Verdict.IMPROVED).count();
            long down = changes.stream().filter(c -> c.verdict() == Verdict.REGRESSED).count();
            overall = up > down ? Verdict.IMPROVED : down > up ? Verdict.REGRESSED : Verdict.UNCHANGED;
        }
        return Optional.of(new SinceLastTime(overall, before, after, changes));
    }

    static Change change(KeyMetrics.Spec spec, double before, double after) {
        double delta = after - before;
        if (Math.abs(delta) < spec.unchangedBelow()) {
            return new Change(spec.label(), before, after, delta, Verdict.UNCHANGED, NOISE);
        }
        double gain = spec.distance(before) - spec.distance(after);
        if (spec.lowerIsBetter()) {
            return new Change(spec.label(), before, after, delta, gain > 0 ? Verdict.IMPROVED : Verdict.REGRESSED,
                    gain > 0 ? "smaller deviation" : "larger deviation");
        }
        if (gain == 0) {
            // inside the target range both times: moving within it is neither better nor worse
            return new Change(spec.label(), before, after, delta, Verdict.UNCHANGED, "within the target both times");
        }
        return new Change(spec.label(), before, after, delta, gain > 0 ? Verdict.IMPROVED : Verdict.REGRESSED,
                gain > 0 ? "closer to the target" : "further from the target");
    }
}
