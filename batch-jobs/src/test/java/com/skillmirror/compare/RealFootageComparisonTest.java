package com.skillmirror.compare;

import com.skillmirror.compare.PatternBuilder;
import com.skillmirror.expert.ExpertPattern;
import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Comparison on a real pose series: the pedestrian of OpenCV's vtest clip (10 fps, 8 s of walking), tracked by the
 * real BlazePose engine. Walking is compared under the running-gait skill (the same joints and metrics).
 */
class RealFootageComparisonTest {

    private static PoseSeries walkerPoses;
    private static FeatureSeries walker;
    private static SkillDefinition gait;

    @BeforeAll
    static void track() throws Exception {
        walkerPoses = VtestWalker.poses();
        KinematicSeries k = Kinematics.of(walkerPoses, walkerPoses.mainPersonId());
        walker = FeatureSeries.of(k);

        gait = VtestWalker.skill(VtestWalker.WALK_TAKE_SKILL);
    }

    @Test
    void realWalkComparedWithItselfResampledAndMirrored() {
        ExpertPattern pattern = new PatternBuilder(gait).build(List.of(walker), VtestWalker.PROFILE);
        SkillComparator comparator = new SkillComparator(gait);

        Comparison self = comparator.compare(walker, pattern);
        System.out.println("real walker vs itself: " + self.score() + ", data " + self.data() + ", metrics "
                + self.metrics());
        // the far (left) arm is hidden most of the time: left out of the pattern rather than dropping most frames
        assertThat(pattern.features()).doesNotContain("left_elbow_angle").contains("left_knee_angle");
        assertThat(self.data().usedFrames()).isGreaterThan(60);
        assertThat(self.score()).isGreaterThanOrEqualTo(99.5);

        // resampled up (the clip is 10 fps: resampling it down would throw away real movement, a real difference)
        for (double fps : new double[] {15, 25, 30}) {
            Comparison resampled = comparator.compare(walker.resampled(fps), pattern);
            System.out.println("real walker at " + fps + " fps: " + resampled.score());
            assertThat(resampled.score()).as("%s fps", fps).isGreaterThanOrEqualTo(95);
        }
        // played slower or faster (the same frames at another frame rate)
        for (double fps : new double[] {7, 14}) {
            Comparison retimed = comparator.compare(new FeatureSeries(walker.names(), fps, walker.values()), pattern);
            System.out.println("real walker played at " + fps + " fps: " + retimed.score() + " " + retimed.tempo());
            assertThat(retimed.score()).as("played at %s fps", fps).isGreaterThanOrEqualTo(95);
            assertThat(retimed.tempo().durationRatio()).isCloseTo(10 / fps, org.assertj.core.api.Assertions.within(0.01));
        }

        // mirrored at the landmark level (the video flipped), then kinematics again: a different path to the mirror
        FeatureSeries flipped = FeatureSeries.of(Kinematics.of(PoseClips.mirror(walkerPoses),
                walkerPoses.mainPersonId()));
        Comparison mirrored = comparator.compare(flipped, pattern);
        System.out.println("real walker flipped: " + mirrored.score() + " - " + mirrored.mirrorNote());
        assertThat(mirrored.mirrored()).isTrue();
        assertThat(mirrored.score()).isGreaterThanOrEqualTo(95);
    }

    @Test
    void realWalkIsNotASquat() {
        SkillDefinition squat = SkillCatalog.load().get("squat");
        Comparison c = new SkillComparator(squat).compare(walker, PatternBuilder.fromPublishedNorm(squat));
        System.out.println("real walker vs squat norm: " + c.score() + ", findings " + c.findings());
        assertThat(c.score()).isLessThan(50);
        assertThat(c.findings()).extracting(Comparison.RankedFinding::id).contains("shallow-squat");
    }

    @Test
    void realWalkStridesUnderTheCyclicGaitSkill() {
        SkillDefinition running = SkillCatalog.load().get("running-gait");
        ExpertPattern stride = new PatternBuilder(running).build(List.of(walker), VtestWalker.PROFILE);
        Comparison c = new SkillComparator(running).compare(walker, stride);
        System.out.println("real walker strides vs its own mean stride: " + c.score() + ", " + c.data() + ", "
                + c.tempo());
        // a few strides of a real, noisy 10 fps walk: each differs from the mean stride, but not by much
        assertThat(c.data().cycles()).isGreaterThanOrEqualTo(2);
        assertThat(stride.durationMs()).isBetween(600.0, 2500.0); // one walking stride, not the 8 s take
        assertThat(c.score()).isBetween(70.0, 99.9);
        assertThat(c.tempo().durationRatio()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.15));
    }
}
