package com.skillmirror.compare;

import com.skillmirror.compare.PatternBuilder;
import com.skillmirror.expert.ExpertPattern;
import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.kinematics.Angle;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition.MetricKind;
import com.skillmirror.skill.SkillDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every built-in skill with joints can build a pattern and compare, and every one of its metrics is measured. */
class AllSkillsTest {

    /** Every kinematics angle as a smooth movement of its own phase and size (four repetitions in 4 s). */
    private static FeatureSeries everyAngle() {
        int n = 120;
        Map<String, double[]> cols = new LinkedHashMap<>();
        Angle[] all = Angle.values();
        for (int a = 0; a < all.length; a++) {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                double phase = 2 * Math.PI * (4.0 * i / n) + a * 0.7;
                c[i] = all[a].kind() == Angle.Kind.JOINT ? 120 + (20 + 3 * a) * Math.sin(phase)
                        : 5 + (5 + a) * Math.sin(phase);
            }
            cols.put(all[a].key(), c);
        }
        return FeatureSeries.ofColumns(30, cols);
    }

    @Test
    void everySkillComparesAndMeasuresEveryMetric() {
        FeatureSeries take = everyAngle();
        Map<String, Double> speech = new LinkedHashMap<>();
        SkillCatalog.SPEECH_FIELDS.forEach(f -> speech.put(f, 1.0));
        for (SkillDefinition skill : SkillCatalog.load().all()) {
            if (skill.joints().isEmpty()) {
                continue;
            }
            ExpertPattern p = new PatternBuilder(skill).build(List.of(take), SkillComparatorTest.TEST_MODEL);
            assertThat(p.events().keySet()).as(skill.id()).containsExactlyInAnyOrderElementsOf(
                    skill.events().stream().map(SkillDefinition.Event::id).toList());
            Comparison c = new SkillComparator(skill).compare(take, p, speech);
            // a cyclic skill compares each cycle with the one-cycle pattern: cycles cut at 30 fps differ by a frame
            assertThat(c.score()).as(skill.id()).isGreaterThanOrEqualTo(skill.cyclic() ? 98.0 : 100.0);
            if (skill.cyclic()) {
                assertThat(c.data().cycles()).as(skill.id()).isGreaterThanOrEqualTo(2);
            } else {
                assertThat(c.data().cycles()).as(skill.id()).isEqualTo(1);
            }
            assertThat(c.phases()).as(skill.id()).hasSize(skill.phases().size())
                    .allSatisfy(ph -> assertThat(ph.rmsDeg()).as(skill.id() + " " + ph.id()).isNotNull());
            assertThat(c.metrics()).as(skill.id()).allSatisfy(m -> assertThat(m.value())
                    .as(skill.id() + " " + m.id()).isNotNull());
            assertThat(c.metrics()).filteredOn(m -> skill.metric(m.id()).kind() == MetricKind.CYCLE_RATE)
                    .allSatisfy(m -> assertThat(m.value()).as(skill.id() + " " + m.id()).isGreaterThan(0));
            assertThat(c.toJson()).doesNotContain("NaN");
        }
    }
}
