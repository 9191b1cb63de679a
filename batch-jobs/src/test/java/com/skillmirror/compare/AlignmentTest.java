package com.skillmirror.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alignment a comparison records for the player, on a real pose series (the walker of OpenCV's vtest clip,
 * tracked by the real BlazePose engine) under the cyclic running-gait skill: monotone within each stride, covering
 * the frames compared, phases inside their stride, the mirrored clip mapped to the same pattern positions, and kept
 * through the stored JSON.
 */
class AlignmentTest {

    private static PoseSeries poses;
    private static FeatureSeries walker;
    private static SkillDefinition gait;
    private static ExpertPattern stride;

    @BeforeAll
    static void track() throws Exception {
        poses = VtestWalker.poses();
        walker = FeatureSeries.of(Kinematics.of(poses, poses.mainPersonId()));
        gait = SkillCatalog.load().get("running-gait");
        stride = new PatternBuilder(gait).build(List.of(walker), VtestWalker.PROFILE);
    }

    @Test
    void eachStrideIsMonotoneCoversItsFramesAndHoldsItsPhases() {
        Comparison c = new SkillComparator(gait).compare(walker, stride);
        Alignment a = c.alignment();
        assertThat(a).isNotNull();
        assertThat(a.spans()).hasSize(c.data().cycles());
        int previousEnd = -1;
        int covered = 0;
        for (Alignment.Span span : a.spans()) {
            assertThat(span.frames()).hasSameSizeAs(span.positions()).isNotEmpty();
            for (int k = 1; k < span.frames().length; k++) {
                assertThat(span.frames()[k]).isGreaterThan(span.frames()[k - 1]);
                assertThat(span.positions()[k]).isGreaterThanOrEqualTo(span.positions()[k - 1]);
            }
            // a stride starts at the pattern's start and ends at its end; strides follow each other in the take
            assertThat(span.positions()[0]).isLessThan(0.1);
            assertThat(span.positions()[span.positions().length - 1]).isGreaterThan(0.9);
            assertThat(span.frames()[0]).isGreaterThanOrEqualTo(previousEnd);
            assertThat(span.frames()[span.frames().length - 1]).isLessThan(walker.length());
            // one point per compared frame: the stride's frames are all there (bar the few the comparison dropped)
            int stretch = span.frames()[span.frames().length - 1] - span.frames()[0] + 1;
            assertThat(span.frames().length).isGreaterThanOrEqualTo((int) (0.9 * stretch));
            previousEnd = span.frames()[span.frames().length - 1];
            covered += span.frames().length;
        }
        // the strides hold the take but its part before the first and after the last stride start
        assertThat(covered).isGreaterThanOrEqualTo((int) (0.4 * c.data().usedFrames()));
        assertThat(a.phases()).isNotEmpty();
        for (Alignment.PhaseSpan ph : a.phases()) {
            Alignment.Span span = a.spans().get(ph.span());
            assertThat(ph.fromFrame()).isBetween(span.frames()[0], span.frames()[span.frames().length - 1]);
            assertThat(ph.toFrame()).isBetween(ph.fromFrame(), span.frames()[span.frames().length - 1]);
            assertThat(ph.fromMs()).isEqualTo(Math.round(ph.fromFrame() * 1000.0 / walker.fps()));
            assertThat(gait.phases()).anySatisfy(p -> assertThat(p.id()).isEqualTo(ph.id()));
        }
        // the lookups the player uses agree with the arrays
        Alignment.Span first = a.spans().get(0);
        int mid = first.frames()[first.frames().length / 2];
        assertThat(a.spanOf(mid)).isSameAs(first);
        assertThat(first.positionAt(mid)).isEqualTo(first.positions()[first.frames().length / 2]);
        assertThat(first.frameAt(first.positionAt(mid))).isLessThanOrEqualTo(mid);
    }

    @Test
    void aMirroredClipMapsItsFramesToTheSamePatternPositions() {
        Comparison direct = new SkillComparator(gait).compare(walker, stride);
        FeatureSeries flipped = FeatureSeries.of(Kinematics.of(PoseClips.mirror(poses), poses.mainPersonId()));
        Comparison mirrored = new SkillComparator(gait).compare(flipped, stride);
        assertThat(mirrored.mirrored()).isTrue();
        // the frames are the clip's own (mirroring swaps sides, not time): frame for frame the same positions
        double sum = 0;
        int n = 0;
        for (Alignment.Span span : mirrored.alignment().spans()) {
            for (int k = 0; k < span.frames().length; k++) {
                Alignment.Span other = direct.alignment().spanOf(span.frames()[k]);
                if (other != null) {
                    sum += Math.abs(other.positionAt(span.frames()[k]) - span.positions()[k]);
                    n++;
                }
            }
        }
        assertThat(n).isGreaterThan(20);
        assertThat(sum / n).as("mean position difference, mirrored vs as filmed").isLessThan(0.05);
    }

    @Test
    void theAlignmentIsStoredWithTheComparisonAndReadBack() {
        Comparison c = new SkillComparator(gait).compare(walker, stride);
        Comparison back = JsonMapper.builder().build().readValue(c.toJson(), Comparison.class);
        assertThat(back.alignment().spans()).hasSameSizeAs(c.alignment().spans());
        assertThat(back.alignment().spans().get(0).frames()).containsExactly(c.alignment().spans().get(0).frames());
        assertThat(back.alignment().spans().get(0).positions()[3])
                .isCloseTo(c.alignment().spans().get(0).positions()[3], within(1e-9));
        assertThat(back.alignment().phases()).isEqualTo(c.alignment().phases());
        // a comparison stored before alignments existed reads as one without
        String old = c.toJson().replaceAll("(?s),\\s*\"alignment\"\\s*:\\s*\\{.*\\}\\s*}\\s*$", "}");
        assertThat(old).doesNotContain("\"alignment\"");
        assertThat(JsonMapper.builder().build().readValue(old, Comparison.class).alignment()).isNull();
    }

    @Test
    void aSetOfRepetitionsIsAlignedRepetitionByRepetitionAsItIsScored() throws Exception {
        SkillDefinition strideTake = VtestWalker.skill(VtestWalker.STRIDE_TAKE_SKILL);
        // one real take from the knee's straightest point before a left swing to the straightest after it, four times
        double[][] rows = new double[walker.length()][1];
        double[] knee = walker.column("left_knee_angle");
        for (int t = 0; t < knee.length; t++) {
            rows[t][0] = knee[t];
        }
        Gaps.fillAll(rows);
        double[] filled = java.util.Arrays.stream(rows).mapToDouble(r -> r[0]).toArray();
        List<Integer> swings = Signals.prominentMinima(filled, 20);
        assertThat(swings).hasSizeGreaterThanOrEqualTo(3);
        int from = Signals.argMax(knee, swings.get(0) + 1, swings.get(1));
        int to = Signals.argMax(knee, swings.get(1) + 1, swings.get(2));
        double[][] one = java.util.Arrays.copyOfRange(walker.values(), from, to + 1);
        java.util.List<double[]> all = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.addAll(List.of(one));
        }
        FeatureSeries set = new FeatureSeries(walker.names(), walker.fps(), all.toArray(double[][]::new));
        ExpertPattern pattern = new PatternBuilder(strideTake).build(List.of(new FeatureSeries(walker.names(),
                walker.fps(), one)), VtestWalker.PROFILE);
        SkillComparator comparator = new SkillComparator(strideTake);
        Comparison whole = comparator.compare(set, pattern);
        Comparison c = new Repetitions(strideTake, comparator).addTo(whole, set, pattern);
        RepetitionSet reps = c.repetitions();
        assertThat(reps).isNotNull();
        // the score is the repetitions' median, and the alignment is theirs: one span per repetition, inside it
        List<RepetitionSet.Rep> scored = reps.reps().stream().filter(r -> r.score() != null).toList();
        assertThat(c.alignment().spans()).hasSize(scored.size()).hasSizeGreaterThan(whole.alignment().spans().size());
        for (int i = 0; i < scored.size(); i++) {
            Alignment.Span span = c.alignment().spans().get(i);
            RepetitionSet.Rep rep = scored.get(i);
            assertThat(span.frames()[0]).isBetween(rep.fromFrame(), rep.toFrame());
            assertThat(span.frames()[span.frames().length - 1]).isBetween(rep.fromFrame(), rep.toFrame());
            assertThat(span.positions()[0]).isLessThan(0.1);
            assertThat(span.positions()[span.positions().length - 1]).isGreaterThan(0.9);
            for (int k = 1; k < span.frames().length; k++) {
                assertThat(span.positions()[k]).isGreaterThanOrEqualTo(span.positions()[k - 1]);
            }
        }
        assertThat(c.alignment().phases()).hasSize(2 * scored.size()).allSatisfy(ph -> {
            Alignment.Span span = c.alignment().spans().get(ph.span());
            assertThat(ph.fromFrame()).isBetween(span.frames()[0], span.frames()[span.frames().length - 1]);
            assertThat(ph.fromMs()).isEqualTo(Math.round(ph.fromFrame() * 1000.0 / set.fps()));
        });
    }
}
