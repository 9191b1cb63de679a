package com.skillmirror.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * N concatenated takes give N repetitions with the right best and worst, on real landmarks: the walker of OpenCV's
 * vtest clip (Debian opencv-doc, 10 fps) tracked by the real BlazePose engine. One real take is cut from the walk
 * and played N times in a row; some copies are degraded in a known way, so the worst repetition is known by
 * construction: one copy with every angle shrunk halfway to its mean (half the range of motion: a lazy, stiff
 * repetition, also bent forward at the hips), one re-timed (played 1.5× as long). The untouched copies are the same movement, so the best is one of
 * them.
 */
class RepetitionsOnRealFootageTest {

    private static FeatureSeries walker;

    @BeforeAll
    static void track() throws Exception {
        PoseSeries poses = VtestWalker.poses();
        walker = FeatureSeries.of(Kinematics.of(poses, poses.mainPersonId()));
    }

    /** The walker's clear left-knee flexions (swing), in time order: where a stride starts. */
    private static List<Integer> leftSwings() {
        double[] knee = walker.column("left_knee_angle");
        double[][] rows = new double[knee.length][1];
        for (int t = 0; t < knee.length; t++) {
            rows[t][0] = knee[t];
        }
        Gaps.fillAll(rows);
        double[] filled = Arrays.stream(rows).mapToDouble(r -> r[0]).toArray();
        return Signals.prominentMinima(filled, 20);
    }

    private static FeatureSeries rows(FeatureSeries s, int from, int toExclusive) {
        return new FeatureSeries(s.names(), s.fps(), Arrays.copyOfRange(s.values(), from, toExclusive));
    }

    /** Every angle pulled halfway to its mean over the take: the same timing with half the range of motion. */
    private static FeatureSeries shrunk(FeatureSeries s, double keep) {
        double[][] v = new double[s.length()][s.width()];
        for (int f = 0; f < s.width(); f++) {
            double mean = Signals.mean(s.column(s.names().get(f)));
            for (int t = 0; t < v.length; t++) {
                v[t][f] = mean + keep * (s.values()[t][f] - mean);
            }
        }
        return new FeatureSeries(s.names(), s.fps(), v);
    }

    /** The hip angles smaller by {@code degrees} throughout: bent forward at the hips. */
    private static FeatureSeries stooped(FeatureSeries s, double degrees) {
        double[][] v = new double[s.length()][];
        for (int t = 0; t < v.length; t++) {
            v[t] = s.values()[t].clone();
            for (String hip : List.of("left_hip_angle", "right_hip_angle")) {
                v[t][s.indexOf(hip)] -= degrees;
            }
        }
        return new FeatureSeries(s.names(), s.fps(), v);
    }

    private static FeatureSeries concat(List<FeatureSeries> takes) {
        List<double[]> all = new ArrayList<>();
        takes.forEach(t -> all.addAll(List.of(t.values())));
        return new FeatureSeries(takes.get(0).names(), takes.get(0).fps(), all.toArray(double[][]::new));
    }

    @Test
    void sixRealStridesInARowUnderTheCyclicGaitSkillAreSixRepetitionsTheShrunkOneWorst() {
        SkillDefinition running = SkillCatalog.load().get("running-gait");
        List<Integer> swings = leftSwings();
        assertThat(swings).as("left-knee swings of the real walk").hasSizeGreaterThanOrEqualTo(3);
        // one real stride: from a left swing to the frame before the next
        FeatureSeries stride = rows(walker, swings.get(0), swings.get(1));
        // the pattern is that stride: an untouched copy matches it, so the degraded copies are worse by construction
        // (against the walk's mean stride, the natural stride-to-stride differences of this 10 fps side view are as
        // large as halving the range of motion of one stride)
        ExpertPattern ownStride = new PatternBuilder(running).build(List.of(stride), VtestWalker.PROFILE);

        // the degraded stride: half the range of motion and bent 20 deg more at the hips (a stiff, stooped stride);
        // halving alone costs this walk's small knee and hip ranges barely more than the joins cost the others
        List<FeatureSeries> takes = List.of(stride, stooped(shrunk(stride, 0.5), 20), stride, stride,
                Movements.stretched(stride, 1.5), stride);
        FeatureSeries set = concat(takes);
        SkillComparator comparator = new SkillComparator(running);
        Comparison c = new Repetitions(running, comparator).addTo(comparator.compare(set, ownStride), set,
                ownStride);
        RepetitionSet reps = c.repetitions();
        System.out.println("six real strides (" + stride.length() + " frames each): " + reps.reps().stream()
                .map(r -> r.number() + ":" + r.score() + " [" + r.fromFrame() + "-" + r.toFrame() + "]").toList()
                + " best " + reps.best() + " worst " + reps.worst() + ", " + reps.scores() + ", " + reps.split());

        assertThat(reps.count()).isEqualTo(6);
        assertThat(reps.worst()).isEqualTo(2);
        assertThat(Set.of(1, 3, 4, 6)).contains(reps.best());
        double retimed = reps.reps().get(4).score();
        assertThat(retimed).isGreaterThan(reps.reps().get(1).score());
        // each repetition is one take: its frames lie within that take's span (± a frame at the joins)
        int start = 0;
        for (int i = 0; i < takes.size(); i++) {
            RepetitionSet.Rep r = reps.reps().get(i);
            int end = start + takes.get(i).length();
            assertThat(r.fromFrame()).as("repetition %s start", i + 1).isBetween(start - 1, start + 1);
            assertThat(r.toFrame()).as("repetition %s end", i + 1).isBetween(end - 2, end);
            start = end;
        }
        assertThat(c.score()).isCloseTo(median(reps.reps().stream().mapToDouble(RepetitionSet.Rep::score).toArray()),
                org.assertj.core.api.Assertions.within(0.051));
    }

    @Test
    void fiveRealStrideTakesUnderAWholeTakeSkillAreFiveRepetitionsTheShrunkOneWorst() throws Exception {
        SkillDefinition strideTake = VtestWalker.skill(VtestWalker.STRIDE_TAKE_SKILL);
        List<Integer> swings = leftSwings();
        assertThat(swings).hasSizeGreaterThanOrEqualTo(3);
        // one real take: from the knee's straightest point before a swing to the straightest after it
        double[] knee = walker.column("left_knee_angle");
        int swing = swings.get(1);
        int from = Signals.argMax(knee, swings.get(0) + 1, swing);
        int to = Signals.argMax(knee, swing + 1, swings.get(2));
        FeatureSeries take = rows(walker, from, to + 1);
        ExpertPattern pattern = new PatternBuilder(strideTake).build(List.of(take), VtestWalker.PROFILE);

        List<FeatureSeries> takes = List.of(take, take, Movements.stretched(take, 1.5),
                stooped(shrunk(take, 0.5), 20), take);
        FeatureSeries set = concat(takes);
        SkillComparator comparator = new SkillComparator(strideTake);
        RepetitionSet reps = new Repetitions(strideTake, comparator).addTo(comparator.compare(set, pattern), set,
                pattern).repetitions();
        System.out.println("five real stride takes (" + take.length() + " frames each): " + reps.reps().stream()
                .map(r -> r.number() + ":" + r.score() + " [" + r.fromFrame() + "-" + r.toFrame() + "]").toList()
                + " best " + reps.best() + " worst " + reps.worst());
        assertThat(reps.count()).isEqualTo(5);
        assertThat(reps.worst()).isEqualTo(4);
        assertThat(Set.of(1, 2, 5)).contains(reps.best());
        // the key frame of each is its own swing: inside the take it came from
        int start = 0;
        for (int i = 0; i < takes.size(); i++) {
            int end = start + takes.get(i).length();
            assertThat(reps.reps().get(i).keyFrame().frameIndex()).isBetween(start, end - 1);
            start = end;
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
