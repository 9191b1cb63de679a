package com.skillmirror.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.skillmirror.compare.Comparison;
import com.skillmirror.report.progress.AthleteProgress;
import com.skillmirror.report.progress.KeyMetrics;
import com.skillmirror.report.progress.ProgressPoint;
import com.skillmirror.report.progress.SkillTrend;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The athlete progress page the portal serves, from the key metrics of a real run's comparison. */
class ProgressPageTest {

    private final ReportRenderer renderer = new ReportRenderer();

    @Test
    void chartsAndATableOfEveryAnalysisPerSkill() throws Exception {
        Map<String, Double> metrics = KeyMetrics.of(comparison());
        Map<String, Double> better = new LinkedHashMap<>(metrics);
        better.replaceAll((k, v) -> v * 0.8);
        SkillTrend squat = new SkillTrend("squat", "Squat", List.of(
                new ProgressPoint(UUID.randomUUID(), Instant.parse("2026-11-01T10:00:00Z"), 19.2, metrics),
                new ProgressPoint(UUID.randomUUID(), Instant.parse("2026-11-08T10:00:00Z"), 31.0, better),
                new ProgressPoint(UUID.randomUUID(), Instant.parse("2026-11-15T10:00:00Z"), 44.6, better)));
        SkillTrend lunge = new SkillTrend("lunge", "Lunge", List.of(
                new ProgressPoint(UUID.randomUUID(), Instant.parse("2026-11-15T11:00:00Z"), 60.0, Map.of())));

        String html = renderer.progressHtml(new AthleteProgress("Zoë <b>", List.of(lunge, squat)));

        assertThat(html).contains("<h1>Zoë &lt;b&gt;</h1>").contains("<h2>Squat</h2>").contains("<h2>Lunge</h2>")
                .contains("3 analyses, score 19 to 45 (+25)").contains("1 analysis")
                .contains("2026-11-08 10:00 UTC").contains("Deepest knee angle (deg)")
                .contains("Left hip angle deviation (deg)").doesNotContain("no-analyses");
        // score chart for both skills, one chart per key metric of the squat
        assertThat(html.split("<svg", -1).length - 1).isEqualTo(2 + metrics.size());
        assertWellFormed(html);
    }

    @Test
    void anAthleteWithoutAnalysesIsToldWhatToDo() throws Exception {
        String html = renderer.progressHtml(new AthleteProgress("Ben", List.of()));
        assertThat(html).contains("id=\"no-analyses\"").doesNotContain("<svg");
        assertWellFormed(html);
    }

    @Test
    void keyMetricsAreTheTargetedSkillMetricsThenJointDeviationsHeaviestFirst() throws Exception {
        // the real run: 4 skill metrics with a value and a target, 3 joints with a deviation (trunk lean weighs 0.5)
        assertThat(KeyMetrics.of(comparison()).keySet()).containsExactly("Deepest knee angle (deg)",
                "Left/right knee range-of-motion symmetry index (%)", "Mean trunk lean while standing up (deg)",
                "Duration relative to the pattern (ratio)", "Left hip angle deviation (deg)",
                "Right hip angle deviation (deg)");
        assertThat(KeyMetrics.of(comparison())).containsEntry("Deepest knee angle (deg)", 35.8)
                .containsEntry("Left hip angle deviation (deg)", 44.7);
    }

    static Comparison comparison() throws Exception {
        return SampleReport.comparison(SampleReport.comparisonJson(SampleReport.json()));
    }

    private static void assertWellFormed(String html) {
        assertThatCode(() -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)))).doesNotThrowAnyException();
    }
}
