package com.skillmirror.compare;

import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillDefinition.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Locates a skill's events (lowest point, release, ...) on gap-free curves by the rules of the skill file. */
final class EventFinder {

    private EventFinder() {
    }

    /**
     * @param column feature name to its curve (all the same length), null when there is none
     * @return event id to sample index, in the skill's order; an event whose signal is flat is left out
     */
    static Map<String, Integer> find(SkillDefinition skill, Function<String, double[]> column, int length) {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (Event e : skill.events()) {
            if (skill.cyclic() && found.isEmpty() && e == skill.events().get(0)) {
                // a cyclic pattern is cut at its first event: it is where the cycle starts
                found.put(e.id(), 0);
                continue;
            }
            List<double[]> cols = new ArrayList<>();
            for (String name : e.signal()) {
                double[] c = column.apply(name);
                if (c != null) {
                    cols.add(c);
                }
            }
            if (cols.isEmpty()) {
                continue; // the signal's angles were not visible enough to be in the pattern
            }
            double[] signal = Signals.meanOf(cols);
            int from = 0;
            if (e.after() != null) {
                Integer anchor = found.get(e.after());
                if (anchor == null) {
                    continue;
                }
                from = anchor + 1;
            }
            if (from >= length) {
                continue;
            }
            int at = switch (e.rule()) {
                case MIN -> Signals.argMin(signal, from, length);
                case MAX -> Signals.argMax(signal, from, length);
                case MAX_VELOCITY -> Signals.argMax(Signals.slope(signal), from, length);
                case MIN_VELOCITY -> Signals.argMin(Signals.slope(signal), from, length);
            };
            if (at >= 0 && Signals.max(signal) - Signals.min(signal) > 1e-9) {
                found.put(e.id(), at);
            }
        }
        return found;
    }
}
