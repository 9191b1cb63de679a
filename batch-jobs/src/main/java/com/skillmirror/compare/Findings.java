package com.skillmirror.compare;

import com.skillmirror.compare.Comparison.LearningStep;
import com.skillmirror.compare.Comparison.RankedFinding;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillDefinition.Drill;
import com.skillmirror.skill.SkillDefinition.FindingRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The skill file's finding rules applied to measured metrics, ranked by impact, and the learning path they imply.
 * Public so that a speech-only skill (no pattern to compare) can be assessed from the speech stage's numbers alone.
 */
public final class Findings {

    private Findings() {
    }

    /**
     * Fired findings, highest impact first. Impact = severity weight x (1 + min(1, |value - threshold| /
     * max(1, |threshold|))): severity dominates, and within a severity the further past its threshold, the higher.
     *
     * @param metrics metric id to value (NaN or absent = not measured: its rules do not fire)
     */
    public static List<RankedFinding> evaluate(SkillDefinition skill, Map<String, Double> metrics) {
        List<RankedFinding> out = new ArrayList<>();
        for (FindingRule r : skill.findings()) {
            Double v = metrics.get(r.metric());
            if (v == null || Double.isNaN(v)) {
                continue;
            }
            Double threshold = null;
            if (r.below() != null && v < r.below()) {
                threshold = r.below();
            } else if (r.above() != null && v > r.above()) {
                threshold = r.above();
            }
            if (threshold == null) {
                continue;
            }
            double excess = Math.min(1, Math.abs(v - threshold) / Math.max(1, Math.abs(threshold)));
            double impact = r.severity().weight() * (1 + excess);
            String message = r.message().replace("{value}", format(v));
            out.add(new RankedFinding(r.id(), r.metric(), Signals.round(v, 2), r.severity().name(),
                    Signals.round(impact, 3), message, r.drill()));
        }
        out.sort(Comparator.comparingDouble(RankedFinding::impact).reversed());
        return out;
    }

    /**
     * The drills of the fired findings, each once: foundation drills (lower level) first, then by the impact of
     * the most important finding that asks for the drill.
     */
    public static List<LearningStep> learningPath(SkillDefinition skill, List<RankedFinding> findings) {
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        Map<String, Double> impact = new LinkedHashMap<>();
        for (RankedFinding f : findings) {
            if (f.drill() == null) {
                continue;
            }
            reasons.computeIfAbsent(f.drill(), d -> new ArrayList<>()).add(f.id());
            impact.merge(f.drill(), f.impact(), Math::max);
        }
        List<Drill> drills = new ArrayList<>(reasons.keySet().stream().map(skill::drill).toList());
        drills.sort(Comparator.comparingInt(Drill::level)
                .thenComparing(Comparator.comparingDouble((Drill d) -> impact.get(d.id())).reversed()));
        List<LearningStep> steps = new ArrayList<>();
        for (Drill d : drills) {
            steps.add(new LearningStep(steps.size() + 1, d.id(), d.name(), d.description(), d.level(),
                    List.copyOf(reasons.get(d.id()))));
        }
        return steps;
    }

    private static String format(double v) {
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
