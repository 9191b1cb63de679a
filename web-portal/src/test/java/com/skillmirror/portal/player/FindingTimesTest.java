package com.skillmirror.portal.player;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.compare.Comparison;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the player puts a finding on the timeline: at the largest deviation of the angles its metric rests on, else
 * at the largest deviation of all compared angles, else the middle of the take; with the reason in words.
 */
class FindingTimesTest {

    private static final SkillDefinition GAIT = SkillCatalog.load().get("running-gait");
    private static final List<Long> MS = List.of(0L, 100L, 200L, 300L, 400L, 500L);

    @Test
    void aFindingSitsWhereItsAnglesDifferMostFromThePattern() {
        Map<String, List<Double>> athlete = new LinkedHashMap<>();
        Map<String, List<Double>> expert = new LinkedHashMap<>();
        athlete.put("left_knee_angle", list(170, 150, 120, 110, 140, 165));
        expert.put("left_knee_angle", list(170, 150, 125, 115, 140, 165));
        athlete.put("trunk_lean", list(5, 6, 7, 25, 8, 6));
        expert.put("trunk_lean", list(5, 5, 5, 5, 5, null));
        Map<String, Object> leaning = ComparisonViews.finding(finding("leaning", "trunk_lean"), GAIT, List.of(), MS,
                athlete, expert, List.of("left_knee_angle", "trunk_lean"), 600);
        assertThat(leaning).containsEntry("ms", 300L).containsEntry("id", "leaning");
        assertThat((String) leaning.get("why")).contains("trunk_lean");

        // cadence rests on both knees; only the left is compared here, and it differs most (5 degrees) at 200 and at
        // 300 ms: on a tie the earliest sample, where the deviation first reaches its largest, is the finding's time
        Map<String, Object> cadence = ComparisonViews.finding(finding("low-cadence", "cadence"), GAIT, List.of(), MS,
                athlete, expert, List.of("left_knee_angle", "trunk_lean"), 600);
        assertThat(cadence.get("ms")).isEqualTo(200L);
        assertThat((String) cadence.get("why")).contains("left_knee_angle");
    }

    @Test
    void withoutAnyAlignedAngleTheFindingSitsInTheMiddleOfTheTake() {
        Map<String, List<Double>> athlete = new LinkedHashMap<>();
        Map<String, List<Double>> expert = new LinkedHashMap<>();
        athlete.put("trunk_lean", list(5, 6, 7, 25, 8, 6));
        expert.put("trunk_lean", Arrays.asList(null, null, null, null, null, null));
        Map<String, Object> f = ComparisonViews.finding(finding("leaning", "trunk_lean"), GAIT, List.of(), MS,
                athlete, expert, List.of("trunk_lean"), 600);
        assertThat(f).containsEntry("ms", 300L);
        assertThat((String) f.get("why")).contains("middle of the take");
    }

    private static Comparison.RankedFinding finding(String id, String metric) {
        return new Comparison.RankedFinding(id, metric, 20.0, "LOW", 1.0, "message of " + id, "drill");
    }

    private static List<Double> list(Integer... values) {
        List<Double> out = new ArrayList<>();
        for (Integer v : values) {
            out.add(v == null ? null : v.doubleValue());
        }
        return out;
    }
}
