package com.skillmirror.compare;

import com.skillmirror.compare.PatternBuilder;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertProfile;
import com.skillmirror.expert.PatternSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PatternBuilderTest {

    private static SkillDefinition squat;

    @BeforeAll
    static void load() {
        squat = SkillCatalog.load().get("squat");
    }

    /** Three takes of one squat, 2.4 s / 3 s / 3.9 s long with uneven tempo and a little noise. */
    private static List<FeatureSeries> threeTakes() {
        return List.of(
                Movements.withNoise(Movements.squat(2.4, 30, 70, 0.5, t -> Math.pow(t, 1.15)), 1.0, 1),
                Movements.withNoise(Movements.squat(3.0, 30, 70, 0.5, t -> t), 1.0, 2),
                Movements.withNoise(Movements.squat(3.9, 30, 70, 0.5, t -> Math.pow(t, 0.87)), 1.0, 3));
    }

    @Test
    void takesWithDifferentTemposAverageToTheUnderlyingCurve() {
        ExpertPattern p = new PatternBuilder(squat).build(threeTakes(), SkillComparatorTest.TEST_MODEL);
        assertThat(p.takes()).isEqualTo(3);
        assertThat(p.features()).isEqualTo(squat.jointNames());
        assertThat(p.samples()).isEqualTo(90); // the median take length
        assertThat(p.durationMs()).isCloseTo(3100, within(1.0));
        // the true curve at the pattern's resolution; DTW may shift the average slightly in time, so compare after
        // aligning - the same way an athlete is compared - and also check the shape's key numbers directly
        FeatureSeries truth = Movements.squat(3, 30, 70);
        double[] knee = p.curve("left_knee_angle").mean();
        assertThat(Signals.min(knee)).isCloseTo(70, within(2.0));
        assertThat(knee[0]).isCloseTo(175, within(2.5));
        assertThat(knee[knee.length - 1]).isCloseTo(175, within(2.5));
        assertThat(p.events().get("bottom")).isCloseTo(0.5, within(0.08));
        Comparison c = new SkillComparator(squat).compare(truth, p);
        System.out.println("truth vs pattern of 3 takes: " + c.score() + " " + c.joints());
        assertThat(c.score()).isGreaterThanOrEqualTo(95);
        // plain per-sample RMS against the truth at normalised time (no alignment)
        double[] trueKnee = Signals.resample(truth.column("left_knee_angle"), knee.length);
        double sq = 0;
        for (int i = 0; i < knee.length; i++) {
            sq += (knee[i] - trueKnee[i]) * (knee[i] - trueKnee[i]);
        }
        assertThat(Math.sqrt(sq / knee.length)).as("knee RMS vs truth, deg").isLessThan(4);
        // the spread reflects the takes' noise (sigma 1 deg) and their remaining misalignment, not zero
        assertThat(Signals.mean(p.curve("left_knee_angle").spread())).isBetween(0.3, 5.0);
    }

    @Test
    void averagingKeepsThePeakThatAPlainMeanWouldSmear() {
        // a sample-by-sample mean of these takes at normalised time would not reach 70 deg: their bottoms differ
        List<FeatureSeries> takes = List.of(Movements.squat(3, 30, 70, 0.35, t -> t),
                Movements.squat(3, 30, 70, 0.5, t -> t), Movements.squat(3, 30, 70, 0.65, t -> t));
        // bottoms 27 samples apart: a band of 30 % (27 samples) lets DTW line them up
        PatternBuilder.Options wide = new PatternBuilder.Options(0, 0.3, 10, 250, 1.2);
        ExpertPattern p = new PatternBuilder(squat, wide).build(takes, SkillComparatorTest.TEST_MODEL);
        double naiveMin = Double.MAX_VALUE;
        for (int i = 0; i < 90; i++) {
            double sum = 0;
            for (FeatureSeries take : takes) {
                sum += take.values()[i][take.indexOf("left_knee_angle")];
            }
            naiveMin = Math.min(naiveMin, sum / 3);
        }
        double dbaMin = Signals.min(p.curve("left_knee_angle").mean());
        System.out.println("bottom of the average: plain mean " + naiveMin + ", DBA " + dbaMin);
        assertThat(naiveMin).isGreaterThan(76);
        assertThat(dbaMin).isLessThan(72);
    }

    @Test
    void contentHashIsStableAndFollowsTheData() {
        PatternBuilder builder = new PatternBuilder(squat);
        ExpertPattern a = builder.build(threeTakes(), SkillComparatorTest.TEST_MODEL);
        ExpertPattern b = builder.build(threeTakes(), SkillComparatorTest.TEST_MODEL);
        assertThat(a.contentHash()).hasSize(64).isEqualTo(b.contentHash());
        assertThat(a.hashMatches()).isTrue();

        ExpertPattern read = ExpertPattern.fromJson(a.toJson());
        assertThat(read.contentHash()).isEqualTo(a.contentHash());
        assertThat(read.hashMatches()).isTrue();
        assertThat(read.curve("left_knee_angle").mean()).containsExactly(a.curve("left_knee_angle").mean());

        List<FeatureSeries> changed = List.of(threeTakes().get(0), threeTakes().get(1),
                Movements.squat(3.9, 30, 72, 0.5, t -> Math.pow(t, 0.87)));
        assertThat(builder.build(changed, SkillComparatorTest.TEST_MODEL).contentHash()).isNotEqualTo(a.contentHash());
        ExpertProfile other = new ExpertProfile("Another test model", null, "generated by the test", "test data");
        assertThat(builder.build(threeTakes(), other).contentHash()).isNotEqualTo(a.contentHash());

        String tampered = a.toJson().replaceFirst("\"mean\":\\[([0-9.]+)", "\"mean\":[1$1");
        assertThat(tampered).isNotEqualTo(a.toJson());
        assertThatThrownBy(() -> ExpertPattern.fromJson(tampered)).hasMessageContaining("does not match its SHA-256");
    }

    /**
     * A knee no take showed in its first quarter (hidden behind the other leg, say): the pattern's mean there is
     * only bridged, so its spread there is the knee's own variation, not the near-zero spread of the seen part.
     */
    @Test
    void whereNoTakeShowedAnAngleThePatternDoesNotClaimToKnowIt() {
        List<FeatureSeries> takes = threeTakes().stream().map(t -> {
            double[][] v = new double[t.length()][];
            int knee = t.indexOf("left_knee_angle");
            for (int i = 0; i < v.length; i++) {
                v[i] = t.values()[i].clone();
                if (i < v.length / 4) {
                    v[i][knee] = Double.NaN;
                }
            }
            return new FeatureSeries(t.names(), t.fps(), v);
        }).toList();
        ExpertPattern p = new PatternBuilder(squat).build(takes, SkillComparatorTest.TEST_MODEL);
        double[] mean = p.curve("left_knee_angle").mean();
        double[] spread = p.curve("left_knee_angle").spread();
        int n = spread.length;
        double sd = Math.sqrt(java.util.Arrays.stream(mean, n / 3, n)
                .map(x -> x - Signals.mean(java.util.Arrays.copyOfRange(mean, n / 3, n))).map(x -> x * x)
                .average().orElseThrow());
        assertThat(Signals.mean(java.util.Arrays.copyOfRange(spread, 0, n / 8))).isGreaterThan(sd * 0.5);
        assertThat(Signals.mean(java.util.Arrays.copyOfRange(spread, n / 2, n))).isLessThan(5);
        // the other angles were seen throughout: their spread stays the takes' own
        assertThat(Signals.mean(p.curve("right_knee_angle").spread())).isLessThan(5);
    }

    @Test
    void aLeftHandedTakeIsMirroredToTheDominantRightSide() {
        SkillDefinition freeThrow = SkillCatalog.load().get("basketball-free-throw");
        PatternBuilder builder = new PatternBuilder(freeThrow);
        FeatureSeries right = shot(false);
        FeatureSeries left = shot(true);
        assertThat(builder.dominantSide(right)).isEqualTo("right");
        assertThat(builder.dominantSide(left)).isEqualTo("left");
        ExpertPattern p = builder.build(List.of(right, left), SkillComparatorTest.TEST_MODEL);
        assertThat(p.dominantSide()).isEqualTo("right");
        // both takes landed on the right side: the right elbow moves 90 deg in the pattern, the left arm is not there
        double[] elbow = p.curve("right_elbow_angle").mean();
        assertThat(Signals.max(elbow) - Signals.min(elbow)).isCloseTo(90, within(2.0));
        assertThat(Signals.mean(p.curve("right_elbow_angle").spread())).isLessThan(1);
        assertThat(p.events()).containsKeys("dip", "release");
        assertThat(p.events().get("release")).isGreaterThan(p.events().get("dip"));

        // a left-handed shooter against this right-handed pattern: compared mirrored, and scored as the same shot
        Comparison c = new SkillComparator(freeThrow).compare(shot(true), p);
        assertThat(c.mirrored()).isTrue();
        assertThat(c.score()).isGreaterThanOrEqualTo(95);
        assertThat(c.metrics()).filteredOn(m -> m.id().equals("arm_extension")).singleElement()
                .satisfies(m -> assertThat(m.value()).isCloseTo(170, within(0.5)));
        Comparison asFilmedRight = new SkillComparator(freeThrow).compare(shot(false), p);
        assertThat(asFilmedRight.mirrored()).isFalse();
    }

    /** A free throw: knees dip, then the shooting elbow extends from 80 to 170 deg. */
    private static FeatureSeries shot(boolean leftHanded) {
        int n = 60;
        java.util.Map<String, double[]> cols = new java.util.LinkedHashMap<>();
        for (String name : List.of("right_elbow_angle", "right_shoulder_angle", "left_knee_angle", "right_knee_angle",
                "left_hip_angle", "right_hip_angle", "left_elbow_angle", "left_shoulder_angle")) {
            cols.put(name, new double[n]);
        }
        for (int i = 0; i < n; i++) {
            double t = i / (n - 1.0);
            double dip = Movements.downUp(Math.min(1, t / 0.6), 0.5);
            double extend = t < 0.45 ? 0 : Math.min(1, (t - 0.45) / 0.25);
            double shooting = 80 + 90 * (1 - Math.cos(Math.PI * extend)) / 2;
            double shoulder = 60 + 90 * extend;
            cols.get("left_knee_angle")[i] = 175 - 35 * dip;
            cols.get("right_knee_angle")[i] = 175 - 35 * dip;
            cols.get("left_hip_angle")[i] = 175 - 25 * dip;
            cols.get("right_hip_angle")[i] = 175 - 25 * dip;
            cols.get(leftHanded ? "left_elbow_angle" : "right_elbow_angle")[i] = shooting;
            cols.get(leftHanded ? "left_shoulder_angle" : "right_shoulder_angle")[i] = shoulder;
            cols.get(leftHanded ? "right_elbow_angle" : "left_elbow_angle")[i] = 150;
            cols.get(leftHanded ? "right_shoulder_angle" : "left_shoulder_angle")[i] = 40;
        }
        return FeatureSeries.ofColumns(30, cols);
    }

    @Test
    void publishedNormPatternIsLabelledAndNamesNoPerson() {
        ExpertPattern p = PatternBuilder.fromPublishedNorm(squat);
        assertThat(p.source()).isEqualTo(PatternSource.PUBLISHED_NORM);
        assertThat(p.expert()).isNull();
        assertThat(p.citation()).contains("Essentials of Strength Training and Conditioning").contains("not anyone's");
        assertThat(p.takes()).isZero();
        assertThat(p.events().get("bottom")).isCloseTo(0.5, within(0.02));
        assertThat(Signals.min(p.curve("left_knee_angle").mean())).isEqualTo(70);
        assertThat(p.hashMatches()).isTrue();
        assertThatThrownBy(() -> PatternBuilder.fromPublishedNorm(SkillCatalog.load().get("golf-swing")))
                .hasMessageContaining("no reference");
        assertThatThrownBy(() -> new ExpertPattern("squat", 1, null, PatternSource.VIDEO, null, null, p.curves(),
                p.events(), 1000, "none", 1)).hasMessageContaining("expert's name");
    }
}
