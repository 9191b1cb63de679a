package com.skillmirror.compare;

import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertProfile;
import com.skillmirror.expert.PatternSource;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.skill.SkillDefinition.Keyframe;
import com.skillmirror.skill.SkillDefinition.ReferenceCurve;
import com.skillmirror.skill.SkillDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a skill's {@link ExpertPattern} from one or more takes of an expert (VIDEO), or from the key positions
 * of a published norm in the skill file (PUBLISHED_NORM). Stateless apart from its skill and options: one instance
 * can serve a batch step or a command line.
 *
 * <p>Steps for takes: keep the skill's joint angles; bridge short gaps and drop frames in long ones; normalise
 * handedness (a take whose left side clearly moves more is mirrored, so the pattern's dominant side is the right;
 * takes with no clear dominant side are turned whichever way matches the first take better, which also evens out
 * facing direction); resample each take to the pattern length (normalised time); average with DTW Barycenter
 * Averaging. Body size needs no normalising: angles are scale-free.
 */
public final class PatternBuilder {

    /**
     * @param samples      pattern length; 0 = median take length, clamped to [50, 400]
     * @param bandFraction Sakoe-Chiba radius as a share of the pattern length
     * @param iterations   DBA refinements (it stops earlier when the average settles)
     * @param maxGapMs     gaps up to this long are interpolated, longer ones dropped
     * @param dominance    a side counts as dominant when it moves this many times more than the other
     */
    public record Options(int samples, double bandFraction, int iterations, double maxGapMs, double dominance) {
        public static Options defaults() {
            return new Options(0, 0.15, 10, 250, 1.2);
        }
    }

    private final SkillDefinition skill;
    private final Options options;

    public PatternBuilder(SkillDefinition skill) {
        this(skill, Options.defaults());
    }

    public PatternBuilder(SkillDefinition skill, Options options) {
        if (skill.joints().isEmpty()) {
            throw new IllegalArgumentException("Skill " + skill.id() + " compares no joints: it has no movement pattern");
        }
        this.skill = skill;
        this.options = options;
    }

    /** A VIDEO pattern from kinematic series of the expert (one per take; pass the expert's own person series). */
    public ExpertPattern fromKinematics(List<KinematicSeries> takes, ExpertProfile expert) {
        return build(takes.stream().map(FeatureSeries::of).toList(), expert);
    }

    /** A VIDEO pattern from feature series of the expert, one per take. */
    public ExpertPattern build(List<FeatureSeries> takes, ExpertProfile expert) {
        if (takes.isEmpty()) {
            throw new IllegalArgumentException("A pattern needs at least one take");
        }
        List<String> joints = skill.jointNames();
        double[] jointWeights = weights();
        double durationSum = 0;
        // orientation is decided on the joints and their other-side partners (a left-handed shooter's arm is
        // only in the take's left_* angles), then the joints are taken from the oriented take
        List<Gaps.Prepared> asFilmed = new ArrayList<>();
        List<Gaps.Prepared> mirroredTakes = new ArrayList<>();
        List<String> dominance = new ArrayList<>();
        for (int i = 0; i < takes.size(); i++) {
            FeatureSeries take = takes.get(i);
            // repeated frames of re-timed footage out, the same way the comparator takes them out of a take
            SkillComparator.Options held = SkillComparator.Options.defaults();
            FeatureSeries wide = take.select(withPartners(joints, take))
                    .withoutHeldFrames(held.heldRatio(), held.maxHeldMs());
            dominance.add(dominantSide(wide));
            asFilmed.add(prepared(wide, joints, jointWeights, i));
            mirroredTakes.add(prepared(wide.mirrored(), joints, jointWeights, i));
            durationSum += take.durationMs();
        }
        int n = options.samples() > 0 ? options.samples() : medianLength(asFilmed);
        int radius = Math.max(1, (int) Math.round(options.bandFraction() * n));
        boolean anyDominant = false;
        List<Gaps.Prepared> chosen = new ArrayList<>();
        for (int i = 0; i < takes.size(); i++) {
            Gaps.Prepared asIs = asFilmed.get(i);
            Gaps.Prepared mirrored = mirroredTakes.get(i);
            Gaps.Prepared pick = asIs;
            if (dominance.get(i).equals("left")) {
                pick = mirrored;
                anyDominant = true;
            } else if (dominance.get(i).equals("right")) {
                anyDominant = true;
            } else if (!chosen.isEmpty()
                    && cost(chosen.get(0), mirrored, n, radius) < cost(chosen.get(0), asIs, n, radius)) {
                pick = mirrored;
            }
            chosen.add(pick);
        }
        // angles too rarely visible in some take are left out of the pattern
        List<String> features = joints.stream().filter(j -> chosen.stream().allMatch(p -> p.series().has(j))).toList();
        if (features.isEmpty()) {
            throw new IllegalArgumentException("No joint of " + skill.id() + " is visible in at least "
                    + (int) (Gaps.MIN_COVERAGE * 100) + " % of the frames of every take");
        }
        double[] weights = weightsOf(features);
        // a cyclic skill's pattern is one cycle: every cycle of every take is one input to the average
        List<double[][]> units = new ArrayList<>();
        double cycleMs = 0;
        for (Gaps.Prepared p : chosen) {
            double[][] rows = p.series().select(features).values();
            List<int[]> ranges = skill.cyclic() ? Cycles.split(p.series(), skill) : List.of();
            if (ranges.isEmpty()) {
                units.add(rows);
                cycleMs += rows.length * 1000.0 / p.series().fps();
            }
            for (int[] r : ranges) {
                units.add(java.util.Arrays.copyOfRange(rows, r[0], r[1] + 1));
                cycleMs += (r[1] - r[0]) * 1000.0 / p.series().fps();
            }
        }
        if (skill.cyclic()) {
            durationSum = cycleMs / units.size() * takes.size();
            int[] lengths = units.stream().mapToInt(u -> u.length).sorted().toArray();
            n = options.samples() > 0 ? options.samples() : Math.max(50, Math.min(400, lengths[lengths.length / 2]));
            radius = Math.max(1, (int) Math.round(options.bandFraction() * n));
        }
        List<double[][]> prepared = new ArrayList<>();
        for (double[][] unit : units) {
            prepared.add(Signals.resampleRows(unit, n));
        }
        Dba.Result avg = Dba.average(prepared, prepared.get(medoid(prepared, weights, radius)), weights, radius,
                options.iterations());
        List<ExpertPattern.Curve> curves = curves(features, avg.mean(), avg.spread());
        return ExpertPattern.create(skill.id(), skill.version(), PatternSource.VIDEO, expert, null, curves,
                events(curves, n), durationSum / takes.size(), anyDominant ? "right" : "none", takes.size());
    }

    /**
     * A PUBLISHED_NORM pattern through the key positions of the skill file's {@code reference}: eased (cosine)
     * interpolation between key positions, spread = the stated tolerance. Labelled with the reference's citation.
     */
    public static ExpertPattern fromPublishedNorm(SkillDefinition skill) {
        ReferenceCurve ref = skill.reference();
        if (ref == null) {
            throw new IllegalArgumentException("Skill " + skill.id() + " has no reference key positions");
        }
        int n = 101;
        List<String> joints = skill.jointNames();
        double[][] mean = new double[n][joints.size()];
        double[][] spread = new double[n][joints.size()];
        List<Keyframe> keys = ref.keyframes();
        for (int i = 0; i < n; i++) {
            double t = i / (n - 1.0);
            int k = 0;
            while (k < keys.size() - 2 && t > keys.get(k + 1).t()) {
                k++;
            }
            Keyframe a = keys.get(k);
            Keyframe b = keys.get(k + 1);
            double u = Math.min(1, Math.max(0, (t - a.t()) / (b.t() - a.t())));
            double eased = (1 - Math.cos(Math.PI * u)) / 2;
            for (int f = 0; f < joints.size(); f++) {
                double va = a.angles().get(joints.get(f));
                double vb = b.angles().get(joints.get(f));
                mean[i][f] = va + (vb - va) * eased;
                spread[i][f] = ref.tolerance();
            }
        }
        List<ExpertPattern.Curve> curves = curves(joints, mean, spread);
        String citation = ref.source().citation() + (ref.source().note() == null ? "" : " - " + ref.source().note());
        return ExpertPattern.create(skill.id(), skill.version(), PatternSource.PUBLISHED_NORM, null, citation, curves,
                new PatternBuilder(skill).events(curves, n), ref.durationMs(), "none", 0);
    }

    private Map<String, Double> events(List<ExpertPattern.Curve> curves, int n) {
        Map<String, double[]> byName = new LinkedHashMap<>();
        curves.forEach(c -> byName.put(c.feature(), c.mean()));
        Map<String, Double> out = new LinkedHashMap<>();
        EventFinder.find(skill, byName::get, n).forEach((id, idx) -> out.put(id, idx / (n - 1.0)));
        return out;
    }

    private static List<ExpertPattern.Curve> curves(List<String> joints, double[][] mean, double[][] spread) {
        List<ExpertPattern.Curve> curves = new ArrayList<>();
        for (int f = 0; f < joints.size(); f++) {
            double[] m = new double[mean.length];
            double[] s = new double[mean.length];
            for (int i = 0; i < mean.length; i++) {
                m[i] = mean[i][f];
                s[i] = spread[i][f];
            }
            curves.add(new ExpertPattern.Curve(joints.get(f), m, s));
        }
        return curves;
    }

    /** The skill's joints, short gaps bridged; refuses a take with too little of them visible. */
    private Gaps.Prepared prepared(FeatureSeries wide, List<String> joints, double[] weights, int index) {
        Gaps.Prepared p = Gaps.prepare(wide.select(joints), options.maxGapMs(), weights);
        if (p.series().length() < 4 || p.series().width() == 0) {
            throw new IllegalArgumentException("Take " + (index + 1) + " has fewer than 4 frames with the joints of "
                    + skill.id() + " visible");
        }
        return p;
    }

    /** DTW cost between two prepared takes on the angles both have, at the pattern length. */
    private double cost(Gaps.Prepared a, Gaps.Prepared b, int n, int radius) {
        List<String> common = a.series().names().stream().filter(b.series()::has).toList();
        if (common.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        return Dtw.align(Signals.resampleRows(a.series().select(common).values(), n),
                Signals.resampleRows(b.series().select(common).values(), n), weightsOf(common), radius).cost();
    }

    /** The joints plus their other-side partners present in the take. */
    static List<String> withPartners(List<String> joints, FeatureSeries take) {
        List<String> out = new ArrayList<>(joints);
        for (String j : joints) {
            String partner = FeatureSeries.Sides.mirrorName(j);
            if (!out.contains(partner) && take.has(partner)) {
                out.add(partner);
            }
        }
        return out;
    }

    double[] weights() {
        return skill.joints().stream().mapToDouble(SkillDefinition.Joint::weight).toArray();
    }

    private double[] weightsOf(List<String> features) {
        java.util.Map<String, Double> byName = new java.util.HashMap<>();
        skill.joints().forEach(j -> byName.put(j.angle(), j.weight()));
        return features.stream().mapToDouble(byName::get).toArray();
    }

    /**
     * "left", "right" or "none": which side's features vary more (summed standard deviations), when one side
     * varies at least {@code dominance} times more than the other.
     */
    String dominantSide(FeatureSeries s) {
        double left = 0;
        double right = 0;
        for (int f = 0; f < s.width(); f++) {
            String name = s.names().get(f);
            double sd = std(s.column(name));
            if (name.startsWith("left_")) {
                left += sd;
            } else if (name.startsWith("right_")) {
                right += sd;
            }
        }
        if (left > right * options.dominance() && left > 1) {
            return "left";
        }
        if (right > left * options.dominance() && right > 1) {
            return "right";
        }
        return "none";
    }

    private static double std(double[] x) {
        double m = Signals.mean(x);
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += (v - m) * (v - m);
                n++;
            }
        }
        return Math.sqrt(s / Math.max(1, n));
    }

    private static int medianLength(List<Gaps.Prepared> takes) {
        int[] lengths = takes.stream().mapToInt(p -> p.series().length()).sorted().toArray();
        return Math.max(50, Math.min(400, lengths[lengths.length / 2]));
    }

    /** The take with the smallest summed DTW cost to the others: DBA's usual starting point. */
    private static int medoid(List<double[][]> takes, double[] weights, int radius) {
        if (takes.size() <= 2) {
            return 0;
        }
        double[] sum = new double[takes.size()];
        for (int i = 0; i < takes.size(); i++) {
            for (int j = i + 1; j < takes.size(); j++) {
                double c = Dtw.align(takes.get(i), takes.get(j), weights, radius).cost();
                sum[i] += c;
                sum[j] += c;
            }
        }
        int best = 0;
        for (int i = 1; i < sum.length; i++) {
            if (sum[i] < sum[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "PatternBuilder[" + skill.id() + " v" + skill.version() + ", " + options + "]";
    }
}
