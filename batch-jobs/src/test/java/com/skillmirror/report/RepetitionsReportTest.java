package com.skillmirror.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.compare.RepetitionSet;
import com.skillmirror.compare.RepetitionSet.KeyFrame;
import com.skillmirror.compare.RepetitionSet.MetricSeries;
import com.skillmirror.compare.RepetitionSet.Rep;
import com.skillmirror.compare.RepetitionSet.SplitInfo;
import com.skillmirror.compare.RepetitionSet.Spread;
import com.skillmirror.compare.RepetitionSet.Trend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The repetitions section of the report (HTML and PDF), and its absence for a comparison without repetitions. */
class RepetitionsReportTest {

    private final ReportRenderer renderer = new ReportRenderer();

    @TempDir
    Path tmp;

    private static RepetitionSet threeSquats() {
        List<Rep> reps = List.of(
                new Rep(1, 10, 85, 333, 2833, 2500, 81.0, false, new KeyFrame("bottom", 47, 1567),
                        Map.of("knee_depth", 92.0), null),
                new Rep(2, 100, 178, 3333, 5933, 2600, 77.0, false, new KeyFrame("bottom", 139, 4633),
                        Map.of("knee_depth", 99.0), null),
                new Rep(3, 190, 270, 6333, 9000, 2667, 73.0, false, new KeyFrame("bottom", 231, 7700),
                        Map.of("knee_depth", 108.0), null));
        return new RepetitionSet(3, 77.0, RepetitionSet.OVERALL_RULE, 41.0, reps, 1, 3,
                new Spread(77.0, 4.0, 5.2, 73.0, 81.0), new Spread(2589.0, 84.0, 3.2, 2500.0, 2667.0),
                List.of(new MetricSeries("knee_depth", "Deepest knee angle", "deg", new Spread(99.67, 8.02, 8.0, 92.0,
                        108.0), 8.0, 16.0)),
                new Trend(-4.0, -8.0, "Scores fell 8 points from the first to the last repetition: form faded over"
                        + " the set (fatigue?)."),
                new SplitInfo("bottom", "MIN", 21.3, "deg", 900.0,
                        "a partial repetition at the end (12 frames; the take ends part-way through it)"));
    }

    @Test
    void aSetShowsCountScoresBestWorstConsistencyAndTrendInHtmlAndPdf() throws Exception {
        Map<String, Object> results = SampleReport.json();
        Map<String, Object> comparison = SampleReport.comparisonJson(results);
        comparison.put("repetitions", JsonMapper.builder().build().convertValue(threeSquats(), Map.class));
        ReportData data = ReportData.of(SampleReport.typed(results));

        String html = renderer.html(data);
        assertThat(html).contains("id=\"repetitions\"", "3 repetitions; the score 77 is their median",
                "Best: repetition 1 (81), 0.3 s – 2.8 s; look at bottom at 1.6 s (frame 47).",
                "Worst: repetition 3 (73)", "Scores fell 8 points from the first to the last repetition",
                "standard deviation 4.0 points (coefficient of variation 5.2 %)", "Deepest knee angle (deg)",
                "+16.0", "Not in any repetition: a partial repetition at the end", "Score per repetition");

        Path pdf = tmp.resolve("report.pdf");
        Files.write(pdf, renderer.pdf(data));
        Process p = new ProcessBuilder("pdftotext", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s+", " ")
                .replace("\uFB01", "fi").replace("\uFB03", "ffi"); // poppler keeps the font's ligatures
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(text).contains("Repetitions", "3 repetitions; the score 77 is their median",
                "Scores fell 8 points from the first to the last repetition");
    }

    @Test
    void aComparisonWithoutRepetitionsHasNoSection() throws Exception {
        String html = renderer.html(ReportData.of(SampleReport.typed(SampleReport.json())));
        assertThat(html).doesNotContain("id=\"repetitions\"");
    }
}
