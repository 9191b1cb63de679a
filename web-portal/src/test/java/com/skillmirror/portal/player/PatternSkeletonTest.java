package com.skillmirror.portal.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.skillmirror.compare.PatternBuilder;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.skill.SkillCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The skeleton drawn from the squat's published norm holds the norm's angles at every position. */
class PatternSkeletonTest {

    @Test
    void theDrawnSquatHoldsTheNormsKneeHipAndTrunkAngles() {
        ExpertPattern norm = PatternBuilder.fromPublishedNorm(SkillCatalog.load().get("squat"));
        PatternSkeleton drawn = new PatternSkeleton(norm);
        double deepest = 180;
        for (int k = 0; k <= 20; k++) {
            double position = k / 20.0;
            Map<Integer, double[]> p = drawn.at(position);
            for (String side : new String[] {"left", "right"}) {
                int o = side.equals("left") ? 0 : 1;
                double knee = drawn.value(side + "_knee_angle", position);
                if (!Double.isNaN(knee)) {
                    assertThat(angle(p.get(23 + o), p.get(25 + o), p.get(27 + o))).as("%s knee at %s", side, position)
                            .isCloseTo(knee, within(0.5));
                    deepest = Math.min(deepest, knee);
                }
                double hip = drawn.value(side + "_hip_angle", position);
                if (!Double.isNaN(hip)) {
                    assertThat(angle(p.get(11 + o), p.get(23 + o), p.get(25 + o))).as("%s hip at %s", side, position)
                            .isCloseTo(hip, within(0.5));
                }
            }
            double lean = drawn.value("trunk_lean", position);
            if (!Double.isNaN(lean)) {
                double[] hip = p.get(23);
                double[] shoulder = p.get(11);
                double measured = Math.toDegrees(Math.atan2(shoulder[0] - hip[0], hip[1] - shoulder[1]));
                assertThat(measured).isCloseTo(lean, within(0.5));
            }
        }
        // the norm squats: the figure reaches a real depth, not a standing pose
        assertThat(deepest).isLessThan(120);
    }

    private static double angle(double[] a, double[] vertex, double[] b) {
        double ux = a[0] - vertex[0];
        double uy = a[1] - vertex[1];
        double vx = b[0] - vertex[0];
        double vy = b[1] - vertex[1];
        double cos = (ux * vx + uy * vy) / (Math.hypot(ux, uy) * Math.hypot(vx, vy));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
    }
}
