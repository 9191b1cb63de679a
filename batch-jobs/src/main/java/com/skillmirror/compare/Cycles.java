package com.skillmirror.compare;

import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillDefinition.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the take of a cyclic skill (running, jumping jacks) into cycles at its first event: the pattern of such a
 * skill is one cycle, so each cycle is aligned on its own instead of forcing one warping path over dozens of
 * strides (which a band cannot follow once the take drifts a few cycles off the pattern's count).
 */
final class Cycles {

    private Cycles() {
    }

    /**
     * Row ranges {from, to} (inclusive; consecutive cycles share their boundary row), in order; empty when fewer
     * than two clear boundary events are found or the skill's first event's angles are not in the series.
     */
    static List<int[]> split(FeatureSeries s, SkillDefinition skill) {
        if (skill.events().isEmpty()) {
            return List.of();
        }
        Event boundary = skill.events().get(0);
        List<double[]> cols = new ArrayList<>();
        for (String name : boundary.signal()) {
            if (s.has(name)) {
                cols.add(s.column(name));
            }
        }
        if (cols.isEmpty()) {
            return List.of();
        }
        double[] signal = Signals.meanOf(cols);
        double[][] asRows = new double[signal.length][1];
        for (int t = 0; t < signal.length; t++) {
            asRows[t][0] = signal[t];
        }
        // only for finding the boundaries: bridge every gap so a long one does not hide a cycle's extremum
        Gaps.fillAll(asRows);
        double[] x = new double[signal.length];
        for (int t = 0; t < x.length; t++) {
            x[t] = asRows[t][0];
        }
        switch (boundary.rule()) {
            case MAX -> negate(x);
            case MAX_VELOCITY -> {
                x = Signals.slope(x);
                negate(x);
            }
            case MIN_VELOCITY -> x = Signals.slope(x);
            case MIN -> {
            }
        }
        double range = Signals.max(x) - Signals.min(x);
        List<Integer> at = Signals.prominentMinima(x, Math.max(boundary.rule() == SkillDefinition.EventRule.MIN
                || boundary.rule() == SkillDefinition.EventRule.MAX ? 10 : 0, range / 3));
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k + 1 < at.size(); k++) {
            if (at.get(k + 1) - at.get(k) >= 3) {
                out.add(new int[] {at.get(k), at.get(k + 1)});
            }
        }
        return out;
    }

    private static void negate(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = -x[i];
        }
    }
}
