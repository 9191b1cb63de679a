package com.skillmirror.report.progress;

import com.skillmirror.compare.Comparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The few numbers of a comparison worth following over time, and which way is better for each.
 * <p>Chosen, in this order, at most {@link #MAX} per analysis:
 * <ol>
 *   <li>the skill's own metrics that have a target (e.g. "Deepest knee angle (deg)", "Duration relative to the
 *       pattern (ratio)"): the coach's checklist; better = closer to the target range, no change once inside it;</li>
 *   <li>the RMS deviation from the expert pattern of each compared joint angle, heaviest weight first (e.g.
 *       "Left hip angle deviation (deg)"): what the score is made of; lower is better.</li>
 * </ol>
 * Metrics without a target are left out: there is no "better" to report for them. The labels carry the unit, so a
 * metric whose unit changes in a new skill version starts a new series instead of mixing scales.
 */
public final class KeyMetrics {

    /** At most this many metrics per analysis: a chart per metric stays readable. */
    public static final int MAX = 6;

    /**
     * How one metric is judged.
     *
     * @param targetMin        lower end of the target range (null = none)
     * @param targetMax        upper end of the target range (null = none)
     * @param lowerIsBetter    true for deviations: no target, smaller is better
     * @param unchangedBelow   a change smaller than this (in the metric's unit) counts as unchanged
     */
    public record Spec(String label, String unit, Double targetMin, Double targetMax, boolean lowerIsBetter,
            double unchangedBelow) {

        /** How far the value is outside the target range: 0 inside (or with no target: the value itself). */
        double distance(double value) {
            if (lowerIsBetter) {
                return value;
            }
            if (targetMin != null && value < targetMin) {
                return targetMin - value;
            }
            return targetMax != null && value > targetMax ? value - targetMax : 0;
        }
    }

    private KeyMetrics() {
    }

    /** The key metrics of one comparison, by label, in the order above; none without a comparison. */
    public static Map<String, Double> of(Comparison comparison) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Measured m : measured(comparison)) {
            out.put(m.spec().label(), m.value());
        }
        return out;
    }

    /** How each key metric of this comparison is judged, by label. */
    public static Map<String, Spec> specs(Comparison comparison) {
        Map<String, Spec> out = new LinkedHashMap<>();
        for (Measured m : measured(comparison)) {
            out.put(m.spec().label(), m.spec());
        }
        return out;
    }

    private record Measured(Spec spec, double value) {
    }

    private static List<Measured> measured(Comparison comparison) {
        List<Measured> out = new ArrayList<>();
        if (comparison == null) {
            return out;
        }
        for (Comparison.MetricResult m : listed(comparison.metrics())) {
            Double value = valued(m.value());
            Double min = valued(m.targetMin());
            Double max = valued(m.targetMax());
            String name = m.name();
            if (value == null || name == null || (min == null && max == null) || out.size() == MAX) {
                continue;
            }
            String unit = m.unit();
            out.add(new Measured(new Spec(withUnit(name, unit), unit, min, max, false, threshold(unit, value)), value));
        }
        List<Comparison.JointResult> joints = new ArrayList<>(listed(comparison.joints()));
        joints.sort(Comparator.comparingDouble((Comparison.JointResult j) -> -j.weight()));
        for (Comparison.JointResult j : joints) {
            Double rms = valued(j.rmsDeg());
            String angle = j.angle();
            if (rms == null || angle == null || out.size() == MAX) {
                continue;
            }
            out.add(new Measured(new Spec(humanise(angle) + " deviation (deg)", "deg", null, null, true,
                    threshold("deg", rms)), rms));
        }
        return out;
    }

    /**
     * The smallest change that counts, per unit: judgement calls, not measurements. 2 degrees is small next to the
     * skills' target ranges (tens of degrees) and to what one camera can resolve of a joint angle; 2 percentage points
     * for symmetry indices; 0.05 for ratios (5 % of the pattern's tempo); otherwise 5 % of the value. The same file
     * analysed twice gives the same numbers, so anything below these is a new take's noise, not progress.
     */
    static double threshold(String unit, double value) {
        String u = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
        return switch (u) {
            case "deg", "degrees", "°" -> 2.0;
            case "%", "percent" -> 2.0;
            case "ratio" -> 0.05;
            default -> Math.max(1e-6, Math.abs(value) * 0.05);
        };
    }

    static String humanise(String key) {
        String s = key.replace('_', ' ').replace('-', ' ');
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String withUnit(String name, String unit) {
        return unit == null || unit.isBlank() ? name : name + " (" + unit + ")";
    }

    private static <T> List<T> listed(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Double valued(Double d) {
        return d == null || d.isNaN() ? null : d;
    }
}
