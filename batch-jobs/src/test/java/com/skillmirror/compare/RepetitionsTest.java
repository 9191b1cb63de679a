package com.skillmirror.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.skillmirror.analysis.ResultCodec;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertProfile;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The splitter and the per-repetition comparison on parametrised sets (squats, jumping jacks): counts with noise,
 * pauses, a partial repetition at the end, faster repetitions than the pattern's, the worst repetition made worse
 * on purpose, and the trend of a set that gets shallower.
 */
class RepetitionsTest {

    private static final ExpertProfile MODEL = new ExpertProfile("Parametrised movement model (test data, no person)",
            null, "SkillMirror tests", "generated");
    private static final double FPS = 30;

    private final SkillDefinition squat = SkillCatalog.load().get("squat");
    private final SkillDefinition jacks = SkillCatalog.load().get("jumping-jack");

    /** Takes played one after another, in this order. */
    private static FeatureSeries concat(List<FeatureSeries> takes) {
        List<double[]> rows = new ArrayList<>();
        for (FeatureSeries t : takes) {
            rows.addAll(List.of(t.values()));
        }
        return new FeatureSeries(takes.get(0).names(), takes.get(0).fps(), rows.toArray(double[][]::new));
    }

    /** Standing still (the first frame of a squat held). */
    private static FeatureSeries standing(double seconds) {
        FeatureSeries one = Movements.squat(1, FPS, 90);
        double[][] v = new double[(int) Math.round(seconds * FPS)][];
        for (int t = 0; t < v.length; t++) {
            v[t] = one.values()[0].clone();
        }
        return new FeatureSeries(one.names(), FPS, v);
    }

    /** The first half of a squat: the clip ends at the bottom. */
    private static FeatureSeries descentOnly() {
        FeatureSeries s = Movements.squat(2.5, FPS, 90);
        return new FeatureSeries(s.names(), FPS, java.util.Arrays.copyOfRange(s.values(), 0, s.length() / 2 + 1));
    }

    @Test
    void fiveNoisySquatsWithPausesAndAPartialOneAtTheEndAreFiveRepetitionsTheShallowOneWorst() {
        ExpertPattern norm = PatternBuilder.fromPublishedNorm(squat);
        List<FeatureSeries> parts = new ArrayList<>();
        double[] depths = {90, 92, 135, 90, 95};
        parts.add(standing(1.2));
        for (double depth : depths) {
            parts.add(Movements.squat(2.6, FPS, depth));
            parts.add(standing(0.8));
        }
        parts.add(descentOnly());
        FeatureSeries set = Movements.withNoise(concat(parts), 2.0, 7);

        RepetitionSplitter.Split split = RepetitionSplitter.split(set, squat, norm);
        assertThat(split.reps()).hasSize(5);
        assertThat(split.leftOut()).contains("partial repetition at the end");

        SkillComparator comparator = new SkillComparator(squat);
        Comparison whole = comparator.compare(set, norm);
        Comparison c = new Repetitions(squat, comparator).addTo(whole, set, norm);
        RepetitionSet reps = c.repetitions();
        System.out.println("five squats: whole take " + whole.score() + ", reps " + reps.reps().stream()
                .map(r -> r.score() + "@" + r.keyFrame().frameIndex()).toList() + ", " + reps.trend());
        assertThat(reps.count()).isEqualTo(5);
        assertThat(reps.worst()).isEqualTo(3);
        assertThat(reps.best()).isNotEqualTo(3);
        double[] scores = reps.reps().stream().mapToDouble(RepetitionSet.Rep::score).sorted().toArray();
        assertThat(c.score()).isEqualTo(scores[2]); // the median of five
        assertThat(c.scoreFormula()).contains("median of the repetition scores");
        // each key frame is that squat's bottom: within the repetition and at its deepest knee (noise aside)
        for (RepetitionSet.Rep r : reps.reps()) {
            assertThat(r.keyFrame().frameIndex()).isBetween(r.fromFrame(), r.toFrame());
            assertThat(r.keyFrame().event()).isEqualTo("bottom");
            double knee = set.column("left_knee_angle")[r.keyFrame().frameIndex()];
            assertThat(knee).isLessThan(depths[r.number() - 1] + 10);
        }
        // repetitions do not overlap, and the standing pauses are not in any (each rep ~ 2.6 s plus a small pad)
        for (int i = 1; i < reps.reps().size(); i++) {
            assertThat(reps.reps().get(i).fromFrame()).isGreaterThanOrEqualTo(reps.reps().get(i - 1).toFrame());
        }
        assertThat(reps.durationMs().mean()).isBetween(2000.0, 3400.0);
        assertThat(reps.scores().sd()).isGreaterThan(1.0);
        assertThat(reps.metrics()).extracting(RepetitionSet.MetricSeries::id).contains("knee_depth");
        // the set's score is the median of its repetitions, so its band is theirs: sqrt(pi/2) SD / sqrt(5)
        assertThat(c.reliability().parts()).isEqualTo(5);
        assertThat(c.reliability().basis()).contains("5 repetitions");
        double mean = java.util.Arrays.stream(scores).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(scores).map(v -> (v - mean) * (v - mean)).sum() / 4);
        assertThat(c.reliability().semPoints()).isCloseTo(Math.sqrt(Math.PI / 2) * sd / Math.sqrt(5),
                org.assertj.core.data.Offset.offset(0.1));
        assertThat(c.reliability()).isNotEqualTo(whole.reliability());
    }

    @Test
    void aSingleSquatIsNotASetAndKeepsItsScore() {
        ExpertPattern norm = PatternBuilder.fromPublishedNorm(squat);
        FeatureSeries one = Movements.withNoise(concat(List.of(standing(0.5), Movements.squat(3, FPS, 90),
                standing(0.5))), 2.0, 3);
        SkillComparator comparator = new SkillComparator(squat);
        Comparison whole = comparator.compare(one, norm);
        Comparison c = new Repetitions(squat, comparator).addTo(whole, one, norm);
        assertThat(c.repetitions()).isNull();
        assertThat(c).isEqualTo(whole);
    }

    @Test
    void standingStillWithJitterHasNoRepetitions() {
        ExpertPattern norm = PatternBuilder.fromPublishedNorm(squat);
        FeatureSeries still = Movements.withNoise(standing(10), 3.0, 11);
        assertThat(RepetitionSplitter.split(still, squat, norm).reps()).isEmpty();
    }

    @Test
    void squatsTwiceAsFastAsThePatternAndABounceAtTheBottomAreCountedOnce() {
        ExpertPattern norm = PatternBuilder.fromPublishedNorm(squat);
        List<FeatureSeries> parts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // a bounce: the knee rises 6 deg and drops again at the bottom
            FeatureSeries rep = Movements.squat(1.5, FPS, 95);
            double[][] v = rep.values();
            int mid = v.length / 2;
            int knee = rep.indexOf("left_knee_angle");
            for (int t = mid - 3; t <= mid + 3; t++) {
                v[t][knee] += 6 * Math.sin(Math.PI * (t - mid + 3) / 6.0);
            }
            parts.add(rep);
        }
        FeatureSeries set = Movements.withNoise(concat(parts), 1.5, 5);
        assertThat(RepetitionSplitter.split(set, squat, norm).reps()).hasSize(6);
    }

    @Test
    void eightJumpingJacksAreEightCyclesAndAFadingSetTrendsDown() {
        FeatureSeries oneJack = Movements.jumpingJacks(1.2, FPS, 1);
        ExpertPattern pattern = new PatternBuilder(jacks).build(List.of(oneJack), MODEL);
        FeatureSeries set = Movements.withNoise(Movements.jumpingJacks(9.6, FPS, 8), 2.0, 13);
        RepetitionSplitter.Split split = RepetitionSplitter.split(set, jacks, pattern);
        assertThat(split.reps()).hasSize(8);

        // the arms rise less with every jack: 150 deg of shoulder range at first, 80 deg at the end
        double[][] v = set.values();
        int n = v.length;
        for (String arm : List.of("left_shoulder_angle", "right_shoulder_angle")) {
            int f = set.indexOf(arm);
            for (int t = 0; t < n; t++) {
                double keep = 1 - 0.47 * t / (n - 1.0);
                v[t][f] = 15 + (v[t][f] - 15) * keep;
            }
        }
        SkillComparator comparator = new SkillComparator(jacks);
        Comparison c = new Repetitions(jacks, comparator).addTo(comparator.compare(set, pattern), set, pattern);
        RepetitionSet reps = c.repetitions();
        System.out.println("fading jacks: " + reps.reps().stream().map(RepetitionSet.Rep::score).toList() + " "
                + reps.trend());
        assertThat(reps.count()).isEqualTo(8);
        assertThat(reps.best()).isEqualTo(1);
        assertThat(reps.worst()).isEqualTo(8);
        assertThat(reps.trend().scoreSlopePerRep()).isNegative();
        assertThat(reps.trend().summary()).startsWith("Scores fell ");
        // the key frame of a jack is its arms-up moment: the shoulders near their highest in that jack
        RepetitionSet.Rep first = reps.reps().get(0);
        assertThat(first.keyFrame().event()).isEqualTo("arms-up");
        assertThat(set.column("left_shoulder_angle")[first.keyFrame().frameIndex()]).isGreaterThan(130);
        RepetitionSet.MetricSeries armRange = reps.metrics().stream().filter(m -> m.id().equals("arm_range"))
                .findFirst().orElseThrow();
        assertThat(armRange.changeFirstToLast()).isLessThan(-40);
    }

    @Test
    void trendWordsSayHowMuchScoresMoved() {
        assertThat(Repetitions.trendWords(-8.2, 6, new double[] {2000, 2000, 2000}))
                .startsWith("Scores fell 8 points from the first to the last repetition");
        assertThat(Repetitions.trendWords(1.0, 6, new double[] {2000, 2000, 2000})).startsWith("Scores held steady");
        assertThat(Repetitions.trendWords(5, 3, new double[] {2000, 2500, 3000})).startsWith("Scores rose 5")
                .contains("got slower");
        assertThat(Repetitions.slope(new double[] {1, 2, 3}, new double[] {10, 8, 6})).isCloseTo(-2, within(1e-9));
    }

    @Test
    void aComparisonWithRepetitionsIsStoredAndReadBackAndAnOldRowStillReads() {
        ExpertPattern norm = PatternBuilder.fromPublishedNorm(squat);
        List<FeatureSeries> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            parts.add(Movements.squat(2.6, FPS, 90 + 10 * i));
            parts.add(standing(0.6));
        }
        FeatureSeries set = concat(parts);
        SkillComparator comparator = new SkillComparator(squat);
        Comparison whole = comparator.compare(set, norm);
        Comparison c = new Repetitions(squat, comparator).addTo(whole, set, norm);
        assertThat(c.repetitions().count()).isEqualTo(3);
        CompareResult result = new CompareResult(0, c, List.of());
        String json = ResultCodec.write(result, CompareResult.STAGE_RESULT.version());
        assertThat(json).contains("\"repetitions\"");
        assertThat(ResultCodec.read(json, CompareResult.class, CompareResult.STAGE_RESULT.version())).isEqualTo(result);

        String old = ResultCodec.write(new CompareResult(0, whole, List.of()), CompareResult.STAGE_RESULT.version());
        assertThat(old).doesNotContain("repetitions");
        assertThat(ResultCodec.read(old, CompareResult.class, CompareResult.STAGE_RESULT.version()).comparison().repetitions()).isNull();
        assertThat(c.toJson()).contains("\"best\"", "\"keyFrame\"");
    }
}
