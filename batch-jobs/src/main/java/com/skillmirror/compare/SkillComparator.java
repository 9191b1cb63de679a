package com.skillmirror.compare;

import com.skillmirror.compare.Comparison.CaptureQuality;
import com.skillmirror.compare.Comparison.DataQuality;
import com.skillmirror.compare.Comparison.JointResult;
import com.skillmirror.compare.Comparison.MetricResult;
import com.skillmirror.compare.Comparison.PatternRef;
import com.skillmirror.compare.Comparison.PhaseResult;
import com.skillmirror.compare.Comparison.RangeOfMotion;
import com.skillmirror.compare.Comparison.RankedFinding;
import com.skillmirror.compare.Comparison.ScoreReliability;
import com.skillmirror.compare.Comparison.Symmetry;
import com.skillmirror.compare.Comparison.Tempo;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.skill.SkillDefinition.Metric;
import com.skillmirror.skill.SkillDefinition.Phase;
import com.skillmirror.skill.SkillDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares one person's take of a skill with the skill's {@link ExpertPattern}. Thread-safe and stateless apart
 * from its skill and options: build one per skill and call it from a batch step or a command line.
 *
 * <p>How: the compared angles are taken from the take, repeated frames of re-timed or up-converted footage taken
 * out ({@link FeatureSeries#withoutHeldFrames}: a staircase would otherwise be aligned with a ramp), short gaps
 * bridged, frames in long gaps dropped; take and
 * pattern are resampled to one length L (the longer of the two, at most {@code maxSamples}), which removes the
 * overall tempo difference; then DTW with a Sakoe-Chiba band aligns them on the angle values plus their
 * derivatives (derivative DTW, Keogh &amp; Pazzani 2001: matching on shape as well as value avoids aligning a
 * rising part with a falling one). The take is aligned as it is and mirrored; the mirror is kept only when it fits
 * clearly better on equal terms (see {@code mirrorFitsClearlyBetter}) and is then flagged. Deviations are then
 * measured on the values along the warping path, each against the pattern within half a frame in time
 * ({@code Segment.offTime}). For a cyclic skill (running,
 * jumping jacks) the pattern is one cycle: the take is cut into cycles at the skill's first event and every cycle
 * is aligned on its own; deviations pool all cycles.
 *
 * <p>Every score comes with its reliability ({@code ScoreParts}): the 95 % band and the smallest real change,
 * from how much the take's own parts (quarters, or cycles) score apart.
 *
 * <p>{@value #SCORE_FORMULA}
 */
public final class SkillComparator {

    /** The documented score formula (also written into every result). */
    public static final String SCORE_FORMULA = "score = 100 * exp(-D / S) with S = 25 degrees and"
            + " D = sqrt(sum_j w_j * e_j^2 / sum_j w_j): e_j is the RMS over the DTW warping path of the part of the"
            + " difference between the take's angle j and the pattern's mean (the nearest pattern value within half"
            + " a frame in time, of the take's or the pattern's coarser clock) that exceeds the tolerance"
            + " sqrt(spread_j^2 + 3^2) degrees (spread_j: the pattern's take-to-take spread there; 3 degrees: the"
            + " pose estimate's own noise on a joint angle), the largest 5 % of the samples left out as tracking"
            + " glitches, w_j the skill's weight for angle j (angles the camera view hides, or visible in under half"
            + " of the frames the athlete is seen in, are left out and listed in data.excludedAngles; a take left with"
            + " under 40 % of the skill's weight is not scored)."
            + " D = 0 gives 100, 5 deg gives 82, 10 deg gives 67, 25 deg gives 37, 50 deg gives 14.";

    /**
     * @param maxGapMs         gaps up to this long are interpolated, longer ones dropped
     * @param bandFraction     Sakoe-Chiba band radius as a share of the aligned length
     * @param derivativeWeight weight of the derivative features (per 1 % of the movement) relative to the values
     * @param scoreScaleDeg    S in the score formula
     * @param maxSamples       cap on the aligned length (cost grows with L x band)
     * @param noiseDeg         differences up to this (combined with the pattern's spread) are not deviations: a
     *                         landmark error of 1 % of body height on a thigh a quarter of it long moves a joint
     *                         angle by about 3 degrees
     * @param heldRatio        repeated-frame detection, see {@link FeatureSeries#withoutHeldFrames}
     * @param maxHeldMs        longest run of repeated frames taken out (a longer one is a real pause)
     */
    public record Options(double maxGapMs, double bandFraction, double derivativeWeight, double scoreScaleDeg,
            int maxSamples, double noiseDeg, double heldRatio, double maxHeldMs) {
        public static Options defaults() {
            return new Options(250, 0.15, 1.0, 25, 2400, 3, 0.4, 250);
        }
    }

    /**
     * The mirrored take is compared only when its alignment costs under this share of the take as filmed: a
     * mirrored clip costs a third or less (measured on a real walker: 27 vs 89), a symmetric movement about the same
     * both ways.
     */
    static final double MIRROR_MARGIN = 0.75;

    /** The angles compared must carry at least this share of the skill's weight (see {@code requireMostOfTheSkill}). */
    static final double MIN_SKILL_WEIGHT_SHARE = 0.4;

    /** Share of each angle's aligned samples left out of its score as tracking glitches (the largest ones). */
    static final double GLITCH_SHARE = 0.05;

    private final SkillDefinition skill;
    private final Options options;
    private final MetricCalculator metrics;

    public SkillComparator(SkillDefinition skill) {
        this(skill, Options.defaults());
    }

    public SkillComparator(SkillDefinition skill, Options options) {
        this.skill = skill;
        this.options = options;
        this.metrics = new MetricCalculator(options.maxGapMs());
    }

    public Comparison compare(KinematicSeries take, ExpertPattern pattern, Map<String, Double> speechMetrics) {
        return compare(FeatureSeries.of(take), pattern, speechMetrics);
    }

    public Comparison compare(FeatureSeries take, ExpertPattern pattern) {
        return compare(take, pattern, Map.of());
    }

    /**
     * @param take          one person's angles (pass that person's series: comparison is per person); should hold
     *                      every angle of the pattern, may hold more (metrics may use them)
     * @param speechMetrics values for the skill's SPEECH metrics (see SkillCatalog.SPEECH_FIELDS); may be empty
     */
    public Comparison compare(FeatureSeries take, ExpertPattern pattern, Map<String, Double> speechMetrics) {
        return compare(take, pattern, speechMetrics, null);
    }

    /** As {@link #compare(FeatureSeries, ExpertPattern, Map, CaptureViews)} on every angle of a kinematic series. */
    public Comparison compare(KinematicSeries take, ExpertPattern pattern, Map<String, Double> speechMetrics,
            CaptureViews views) {
        return compare(FeatureSeries.of(take), pattern, speechMetrics, views);
    }

    /**
     * The comparison as the compare stage stores it, the one code path for whoever compares a take the same way (the
     * stage, the player's view of an older comparison or of another expert): the whole take, then, for a set of
     * several repetitions, each repetition on its own ({@link Repetitions#addTo}: the set's score is their median and
     * the alignment theirs, one span per repetition).
     *
     * @throws IllegalArgumentException when the take cannot be compared (as {@link #compare})
     */
    public Comparison compareTake(KinematicSeries take, ExpertPattern pattern, Map<String, Double> speechMetrics,
            CaptureViews views) {
        Comparison whole = compare(take, pattern, speechMetrics, views);
        return new Repetitions(skill, this).addTo(whole, take, pattern, speechMetrics, views);
    }

    /**
     * @param views the camera's view of this person, one per row of the take; null when unknown (everything the
     *              take holds is then taken as seen). With views, values the view hides are gaps (so an angle hidden
     *              in most frames leaves the score, see {@link CaptureViews#trusted}), a metric the view cannot
     *              support is withheld with its reason and fires no finding, the others are measured over the
     *              frames of their views, and the result says what to change in the filming next time.
     */
    public Comparison compare(FeatureSeries asFilmed, ExpertPattern pattern, Map<String, Double> speechMetrics,
            CaptureViews views) {
        FeatureSeries take = views == null ? asFilmed : views.trusted(asFilmed, skill);
        if (!pattern.skillId().equals(skill.id())) {
            throw new IllegalArgumentException("Pattern " + pattern.id() + " is for " + pattern.skillId() + ", not "
                    + skill.id());
        }
        List<String> features = pattern.features();
        double[] weightsAll = weights(features);
        // the whole take is mirrored before the angles are chosen: a left-handed arm lives in left_* angles the
        // pattern may not list
        Orientation direct = orient(take, pattern, features, weightsAll);
        Orientation flipped = orient(take.mirrored(), pattern, features, weightsAll);
        if (direct == null && flipped == null) {
            Gaps.Prepared prep = Gaps.prepare(take.select(features), options.maxGapMs(), weightsAll);
            int frames = prep.series().length();
            throw new IllegalArgumentException("The take has " + frames + (frames == 1 ? " frame" : " frames")
                    + " with the angles of " + skill.id() + " visible (after bridging gaps up to "
                    + Math.round(options.maxGapMs()) + " ms): too few to compare");
        }
        boolean useMirror = direct == null || (flipped != null && mirrorFitsClearlyBetter(take, pattern, direct,
                flipped));
        Orientation best = useMirror ? flipped : direct;
        Gaps.Prepared prep = best.prep();
        List<String> kept = prep.series().names();
        double[] w = prep.weights();
        requireMostOfTheSkill(features, weightsAll, kept, w);
        FeatureSeries oriented = useMirror ? take.mirrored() : take;

        // per joint, over the path points (of every cycle) where the take has the angle
        double[] sq = new double[kept.size()];
        List<List<Double>> excesses = new ArrayList<>();
        for (int f = 0; f < kept.size(); f++) {
            excesses.add(new ArrayList<>());
        }
        double[] max = new double[kept.size()];
        int[] count = new int[kept.size()];
        ScoreParts parts = new ScoreParts(best.segments(), kept.size());
        for (int s = 0; s < best.segments().size(); s++) {
            Segment seg = best.segments().get(s);
            for (int k = 0; k < seg.path().length(); k++) {
                int j = seg.path().y()[k];
                int i = seg.path().x()[k];
                double[] ai = seg.a()[i];
                double[] pj = seg.p()[j];
                for (int f = 0; f < sq.length; f++) {
                    double d = ai[f] - pj[f];
                    if (d == d) {
                        double e = excess(seg.offTime(i, j, f), seg.spread()[j][f]);
                        sq[f] += d * d;
                        excesses.get(f).add(e);
                        max[f] = Math.max(max[f], Math.abs(d));
                        count[f]++;
                        parts.add(s, k, seg.path().length(), f, e);
                    }
                }
            }
        }
        List<JointResult> joints = new ArrayList<>();
        Map<String, Double> rmsByFeature = new LinkedHashMap<>();
        double weighted = 0;
        double weightSum = 0;
        for (int i = 0; i < features.size(); i++) {
            String name = features.get(i);
            int f = kept.indexOf(name);
            double spread = Signals.mean(pattern.curve(name).spread());
            if (f < 0 || count[f] == 0) {
                joints.add(new JointResult(name, weightsAll[i], null, null, Signals.rounded(spread, 1), null));
                continue;
            }
            double rms = Math.sqrt(sq[f] / count[f]);
            double beyond = trimmedRms(excesses.get(f));
            rmsByFeature.put(name, rms);
            weighted += w[f] * beyond * beyond;
            weightSum += w[f];
            joints.add(new JointResult(name, w[f], Signals.rounded(rms, 1), Signals.rounded(max[f], 1),
                    Signals.rounded(spread, 1), Signals.rounded(score(beyond), 1)));
        }
        double deviation = Math.sqrt(weighted / weightSum);
        double score = Signals.round(score(deviation), 1);
        ScoreReliability reliability = parts.reliability(w, this::score);

        // phases: the pattern's events mapped through each cycle's warping path
        List<PhaseResult> phases = new ArrayList<>();
        Map<String, List<int[]>> phaseFrames = new LinkedHashMap<>();
        List<Alignment.PhaseSpan> phaseSpans = new ArrayList<>();
        for (Phase ph : skill.phases()) {
            double sum = 0;
            double present = 0;
            double patternShare = Double.NaN;
            double athleteShares = 0;
            int measured = 0;
            List<int[]> spans = new ArrayList<>();
            for (int s = 0; s < best.segments().size(); s++) {
                Segment seg = best.segments().get(s);
                int len = seg.a().length;
                Integer from = eventIndex(ph.from(), pattern, len, 0);
                Integer to = eventIndex(ph.to(), pattern, len, len - 1);
                if (from == null || to == null || to < from) {
                    continue;
                }
                int aMin = Integer.MAX_VALUE;
                int aMax = -1;
                for (int k = 0; k < seg.path().length(); k++) {
                    int j = seg.path().y()[k];
                    if (j < from || j > to) {
                        continue;
                    }
                    int i = seg.path().x()[k];
                    aMin = Math.min(aMin, i);
                    aMax = Math.max(aMax, i);
                    for (int f = 0; f < kept.size(); f++) {
                        double d = seg.a()[i][f] - seg.p()[j][f];
                        if (d == d) {
                            double e = excess(seg.offTime(i, j, f), seg.spread()[j][f]);
                            sum += w[f] * e * e;
                            present += w[f];
                        }
                    }
                }
                patternShare = (to - from) / (len - 1.0);
                athleteShares += (aMax - aMin) / (len - 1.0);
                measured++;
                spans.add(new int[] {seg.frame(aMin), seg.frame(aMax)});
                phaseSpans.add(new Alignment.PhaseSpan(ph.id(), s, seg.frame(aMin), seg.frame(aMax),
                        Math.round(seg.frame(aMin) * 1000.0 / take.fps()), Math.round(seg.frame(aMax) * 1000.0 / take.fps())));
            }
            if (measured == 0) {
                phases.add(new PhaseResult(ph.id(), null, null, null, null, null));
                continue;
            }
            double rms = present > 0 ? Math.sqrt(sum / present) : Double.NaN;
            double athleteShare = athleteShares / measured;
            phases.add(new PhaseResult(ph.id(), Signals.rounded(rms, 1), Signals.rounded(score(rms), 1),
                    Signals.rounded(patternShare, 3), Signals.rounded(athleteShare, 3),
                    patternShare > 0 ? Signals.rounded(athleteShare / patternShare, 2) : null));
            phaseFrames.put(ph.id(), spans);
        }

        double takeMs = best.meanSegmentMs();
        Tempo tempo = tempo(best.segments(), takeMs, pattern.durationMs());
        List<RangeOfMotion> rom = new ArrayList<>();
        Map<String, Double> athleteRom = new HashMap<>();
        Map<String, Double> patternRom = new HashMap<>();
        for (String name : kept) {
            double[] col = prep.series().column(name);
            double ar = Signals.max(col) - Signals.min(col);
            double[] pm = pattern.curve(name).mean();
            double pr = Signals.max(pm) - Signals.min(pm);
            athleteRom.put(name, ar);
            patternRom.put(name, pr);
            rom.add(new RangeOfMotion(name, Signals.rounded(ar, 1), Signals.rounded(pr, 1),
                    pr > 1e-6 ? Signals.rounded(ar / pr, 2) : null));
        }
        List<Symmetry> symmetry = new ArrayList<>();
        for (String name : kept) {
            String right = FeatureSeries.Sides.mirrorName(name);
            if (name.startsWith("left_") && athleteRom.containsKey(right)) {
                double l = athleteRom.get(name);
                double r = athleteRom.get(right);
                symmetry.add(new Symmetry(name.substring(5), Signals.rounded(l, 1), Signals.rounded(r, 1),
                        Signals.rounded(MetricCalculator.symmetryIndex(l, r), 1),
                        Signals.rounded(MetricCalculator.symmetryIndex(patternRom.get(name), patternRom.get(right)), 1)));
            }
        }

        MetricCalculator.AlignmentFacts facts = new MetricCalculator.AlignmentFacts(rmsByFeature,
                takeMs / pattern.durationMs(), phaseFrames);
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> withheld = new LinkedHashMap<>();
        for (Metric m : skill.metrics()) {
            String reason = views == null ? null : views.withheldReason(skill, m);
            if (reason != null) {
                withheld.put(m.id(), reason);
                values.put(m.id(), Double.NaN); // not measured: no finding rests on it
                continue;
            }
            FeatureSeries source = views == null || m.allowedViews() == null ? take
                    : views.onlyIn(take, skill.metricViews(m));
            values.put(m.id(), metrics.measure(m, useMirror ? source.mirrored() : source, facts, speechMetrics));
        }
        List<MetricResult> metricResults = metricResults(values, withheld);
        List<RankedFinding> findings = Findings.evaluate(skill, values);

        String note = useMirror
                ? "Compared as mirror image: the athlete's left matches the pattern's right; filmed mirrored"
                        + " (e.g. a selfie camera) or the other side leads (alignment cost " + cost(flipped)
                        + " mirrored vs " + cost(direct) + " as filmed); 'left'/'right' in this result are the"
                        + " pattern's sides."
                : "Compared as filmed (alignment cost " + cost(direct) + "; mirrored " + cost(flipped) + ").";
        return new Comparison(score, SCORE_FORMULA, useMirror, note, PatternRef.of(pattern), skill.id(),
                skill.version(), joints, phases, tempo, rom, symmetry, metricResults, findings,
                Findings.learningPath(skill, findings),
                new DataQuality(take.length(), take.length() - prep.droppedFrames(), prep.droppedFrames(),
                        prep.filledValues(), prep.excluded(), best.segments().size(),
                        best.segments().stream().mapToInt(sg -> sg.a().length).max().orElse(0)),
                null, reliability, views == null ? null : capture(views, withheld),
                new Alignment(best.segments().stream().map(Segment::alignment).toList(), phaseSpans));
    }

    /** The filming facts and advice: which compared angles the view hid, which metrics it withheld. */
    private CaptureQuality capture(CaptureViews views, Map<String, String> withheld) {
        return views.quality(skill, withheld.keySet().stream().map(skill::metric).toList(),
                views.hiddenByBody(skill.jointNames()));
    }

    /**
     * A score on a small part of the skill (a talking head's trunk for a squat whose knees and hips are out of the
     * picture) would look like a verdict on the whole movement: the angles kept must carry at least
     * {@link #MIN_SKILL_WEIGHT_SHARE} of the skill's weight. A side view that hides the far side keeps more.
     */
    private void requireMostOfTheSkill(List<String> features, double[] weightsAll, List<String> kept, double[] w) {
        double share = sum(w) / sum(weightsAll);
        if (share < MIN_SKILL_WEIGHT_SHARE) {
            List<String> missing = features.stream().filter(f -> !kept.contains(f)).toList();
            throw new IllegalArgumentException("Only " + kept + " of " + skill.name() + "'s angles are seen in enough"
                    + " frames (" + Math.round(share * 100) + " % of the skill's weight; " + missing + " are out of the"
                    + " picture, hidden or not found in most frames): too little of the movement to score. Film the"
                    + " whole body, from a view the skill needs.");
        }
    }

    /**
     * Whether the mirrored take fits the pattern clearly better than the take as filmed. Only on equal terms: the
     * mirror must keep at least as much of the pattern's weight (a far side hidden in the take would otherwise
     * leave the mirror fewer, easier angles to match, e.g. the trunk alone), and the two are costed on the angles
     * both keep. A symmetric movement fits about equally both ways, so it takes a margin ({@link #MIRROR_MARGIN}),
     * not a coin toss, to turn the take.
     */
    private boolean mirrorFitsClearlyBetter(FeatureSeries take, ExpertPattern pattern, Orientation direct,
            Orientation flipped) {
        if (sum(flipped.prep().weights()) < sum(direct.prep().weights()) - 1e-9) {
            return false;
        }
        List<String> common = direct.prep().series().names().stream()
                .filter(flipped.prep().series().names()::contains).toList();
        if (common.isEmpty()) {
            return false;
        }
        if (common.size() == direct.prep().series().width() && common.size() == flipped.prep().series().width()) {
            // both kept the same angles (the usual case): their costs are already comparable
            return flipped.costPerWeight() < MIRROR_MARGIN * direct.costPerWeight();
        }
        double[] w = weights(common);
        Orientation d = orient(take, pattern, common, w);
        Orientation f = orient(take.mirrored(), pattern, common, w);
        return d != null && f != null && f.costPerWeight() < MIRROR_MARGIN * d.costPerWeight();
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static Integer eventIndex(String event, ExpertPattern pattern, int len, int fallback) {
        if (event.equals("start") || event.equals("end")) {
            return fallback;
        }
        Double t = pattern.events().get(event);
        return t == null ? null : (int) Math.round(t * (len - 1));
    }

    private static String cost(Orientation o) {
        return o == null ? "n/a (too few frames)" : String.valueOf(Signals.round(o.costPerWeight(), 2));
    }

    /**
     * One aligned stretch of the take: the whole take, or one cycle of a cyclic skill.
     *
     * @param frames    per row of the stretch, the take's frame
     * @param timeSlack half a frame of the take or half a sample of the pattern, whichever is longer, in aligned
     *                  samples: how far in time a frame's moment is uncertain (see {@link #offTime})
     */
    private record Segment(double[][] a, double[][] p, double[][] spread, Dtw.Alignment path, int[] frames,
            double timeSlack) {

        /**
         * How far the take's value at aligned sample i lies outside the pattern's values within +/- timeSlack of
         * its aligned sample j (0 inside; signed, take minus pattern). A camera samples the movement once a frame,
         * so a frame's moment is only known to half a frame: at 10 fps a knee swinging 300 degrees a second is
         * 15 degrees off for a moment 50 ms away. Footage re-timed by dropping frames (1.25x speed) or recorded at
         * another rate samples other moments than the pattern's take did; without this that sampling counts as a
         * deviation. The pattern between its samples is taken as linear.
         */
        double offTime(int i, int j, int f) {
            double v = a[i][f];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double from = Math.max(0, j - timeSlack);
            double to = Math.min(p.length - 1, j + timeSlack);
            for (double x : new double[] {patternAt(from, f), patternAt(to, f)}) {
                if (x == x) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            for (int k = (int) Math.ceil(from); k <= (int) Math.floor(to); k++) {
                double x = p[k][f];
                if (x == x) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            if (lo > hi) {
                return v - p[j][f];
            }
            return v < lo ? v - lo : v > hi ? v - hi : 0;
        }

        private double patternAt(double t, int f) {
            int lo = (int) Math.floor(t);
            int hi = Math.min(p.length - 1, lo + 1);
            double frac = t - lo;
            return p[lo][f] * (1 - frac) + p[hi][f] * frac;
        }

        /** The warping path as take frame -> pattern position, one point per take frame (see {@link Alignment}). */
        Alignment.Span alignment() {
            int[] frames = new int[path.length()];
            for (int k = 0; k < frames.length; k++) {
                frames[k] = frame(path.x()[k]);
            }
            return Alignment.decimate(frames, path.y(), p.length);
        }

        /** The take's frame of an aligned sample. */
        int frame(int alignedIndex) {
            int rows = frames.length;
            int row = (int) Math.round(alignedIndex * (rows - 1.0) / (a.length - 1.0));
            return frames[Math.max(0, Math.min(rows - 1, row))];
        }
    }

    /** One orientation of the take, prepared and aligned (per cycle for cyclic skills). */
    private record Orientation(Gaps.Prepared prep, List<Segment> segments, double costPerWeight,
            double meanSegmentMs) {
    }

    /**
     * Prepares and aligns one orientation; null when too little of it is visible. A cyclic skill's pattern is one
     * cycle, so the take is cut into cycles (at its first event) and each cycle is aligned on its own.
     */
    private Orientation orient(FeatureSeries oriented, ExpertPattern pattern, List<String> features,
            double[] weights) {
        // repeated frames (re-timed or up-converted footage) would align a staircase with a ramp
        Gaps.Prepared prep = Gaps.prepare(
                oriented.select(features).withoutHeldFrames(options.heldRatio(), options.maxHeldMs()),
                options.maxGapMs(), weights);
        int n = prep.series().length();
        if (n < 4 || prep.series().width() == 0) {
            return null;
        }
        List<int[]> ranges = skill.cyclic() ? Cycles.split(prep.series(), skill) : List.of();
        if (ranges.isEmpty()) {
            ranges = List.of(new int[] {0, n - 1});
        }
        double[][] patternValues = patternMatrix(pattern, prep.series().names(), false);
        double[][] patternSpread = patternMatrix(pattern, prep.series().names(), true);
        double[] wAug = augmentedWeights(prep.weights());
        double total = 0;
        for (double v : wAug) {
            total += v;
        }
        double[][] rows = prep.series().values();
        List<Segment> segments = new ArrayList<>();
        double cost = 0;
        double ms = 0;
        for (int[] r : ranges) {
            int rowsIn = r[1] - r[0] + 1;
            int len = Math.max(16, Math.min(options.maxSamples(), Math.max(rowsIn, pattern.samples())));
            int radius = Math.max(1, (int) Math.round(options.bandFraction() * len));
            double[][] p = Signals.resampleRows(patternValues, len);
            double[][] sd = Signals.resampleRows(patternSpread, len);
            double[][] a = Signals.resampleRows(java.util.Arrays.copyOfRange(rows, r[0], r[1] + 1), len);
            Dtw.Alignment path = Dtw.align(augment(a), augment(p), wAug, radius);
            double slack = 0.5 * len / Math.min(rowsIn, pattern.samples());
            segments.add(new Segment(a, p, sd, path,
                    java.util.Arrays.copyOfRange(prep.sourceFrames(), r[0], r[1] + 1), slack));
            // per step and per unit of weight: comparable when the two orientations keep different angles
            cost += path.meanCost() / total;
            ms += (ranges.size() == 1 ? rowsIn : rowsIn - 1) * 1000.0 / prep.series().fps();
        }
        return new Orientation(prep, segments, cost / segments.size(), ms / segments.size());
    }

    private static Tempo tempo(List<Segment> segments, double takeMs, double patternMs) {
        double sq = 0;
        int steps = 0;
        double slopeMin = Double.POSITIVE_INFINITY;
        double slopeMax = 0;
        for (Segment seg : segments) {
            Dtw.Alignment path = seg.path();
            int len = seg.a().length;
            for (int k = 0; k < path.length(); k++) {
                double d = (path.x()[k] - path.y()[k]) / (len - 1.0) * 100;
                sq += d * d;
            }
            steps += path.length();
            // first and last take index aligned to each pattern index
            int[] firstA = new int[len];
            int[] lastA = new int[len];
            java.util.Arrays.fill(firstA, Integer.MAX_VALUE);
            for (int k = 0; k < path.length(); k++) {
                int j = path.y()[k];
                firstA[j] = Math.min(firstA[j], path.x()[k]);
                lastA[j] = Math.max(lastA[j], path.x()[k]);
            }
            int window = Math.max(2, len / 10);
            for (int j0 = 0; j0 + window < len; j0 += Math.max(1, window / 2)) {
                double slope = (lastA[j0 + window] - firstA[j0]) / (double) window;
                slopeMin = Math.min(slopeMin, slope);
                slopeMax = Math.max(slopeMax, slope);
            }
        }
        double timing = Math.sqrt(sq / steps);
        if (Double.isInfinite(slopeMin)) {
            slopeMin = Double.NaN;
            slopeMax = Double.NaN;
        }
        return new Tempo(Signals.rounded(takeMs, 0), Signals.rounded(patternMs, 0),
                Signals.rounded(takeMs / patternMs, 2), Signals.rounded(timing, 2), Signals.rounded(slopeMin, 2),
                Signals.rounded(slopeMax, 2));
    }

    /**
     * RMS of the excesses without the largest {@link #GLITCH_SHARE}: a pose tracker loses a limb for a frame or two
     * now and then (a swapped or hidden leg), and one such frame would otherwise outweigh the whole take.
     */
    private static double trimmedRms(List<Double> excess) {
        double[] v = excess.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int keep = Math.max(1, (int) Math.ceil(v.length * (1 - GLITCH_SHARE)));
        double s = 0;
        for (int i = 0; i < keep; i++) {
            s += v[i] * v[i];
        }
        return Math.sqrt(s / keep);
    }

    /** The part of a difference beyond the tolerance: the pattern's own spread there and the pose noise. */
    private double excess(double diff, double spreadDeg) {
        double s = Double.isNaN(spreadDeg) ? 0 : spreadDeg;
        double tolerance = Math.sqrt(s * s + options.noiseDeg() * options.noiseDeg());
        return Math.max(0, Math.abs(diff) - tolerance);
    }

    private double score(double rmsDeg) {
        return 100 * Math.exp(-rmsDeg / options.scoreScaleDeg());
    }

    private List<MetricResult> metricResults(Map<String, Double> values, Map<String, String> withheld) {
        List<MetricResult> out = new ArrayList<>();
        for (Metric m : skill.metrics()) {
            double v = values.get(m.id());
            Double min = m.target() == null ? null : m.target().min();
            Double max = m.target() == null ? null : m.target().max();
            Boolean within = m.target() == null || Double.isNaN(v) ? null : m.target().contains(v);
            out.add(new MetricResult(m.id(), m.name(), m.unit(), Signals.rounded(v, 2), min, max, within,
                    m.source() == null ? null : m.source().citation(), withheld.get(m.id())));
        }
        return out;
    }

    private double[] weights(List<String> features) {
        Map<String, Double> byName = new HashMap<>();
        skill.joints().forEach(j -> byName.put(j.angle(), j.weight()));
        return features.stream().mapToDouble(f -> byName.getOrDefault(f, 1.0)).toArray();
    }

    private double[] augmentedWeights(double[] w) {
        double[] out = new double[w.length * 2];
        for (int f = 0; f < w.length; f++) {
            out[f] = w[f];
            out[w.length + f] = w[f] * options.derivativeWeight();
        }
        return out;
    }

    /** Values followed by their derivatives per 1 % of the movement (so the scale does not depend on L). */
    private static double[][] augment(double[][] x) {
        double[][] d = Signals.derivative(x);
        int n = x.length;
        int w = n == 0 ? 0 : x[0].length;
        double perPercent = (n - 1) / 100.0;
        double[][] out = new double[n][2 * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, out[i], 0, w);
            for (int f = 0; f < w; f++) {
                out[i][w + f] = d[i][f] * perPercent;
            }
        }
        return out;
    }

    private static double[][] patternMatrix(ExpertPattern pattern, List<String> names, boolean spread) {
        int n = pattern.samples();
        int w = names.size();
        double[][] m = new double[n][w];
        for (int f = 0; f < w; f++) {
            ExpertPattern.Curve curve = pattern.curve(names.get(f));
            double[] c = spread ? curve.spread() : curve.mean();
            for (int i = 0; i < n; i++) {
                m[i][f] = c[i];
            }
        }
        return m;
    }
}
