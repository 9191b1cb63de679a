package com.skillmirror.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's valid metrics in the report: a metric the camera view could not support is listed with its reason (not
 * as a value), and a capture-quality section says what to change next time, only when there is something to say.
 * Built on the stored sample report (a real run), with the compare stage's new fields added as it writes them.
 */
class CaptureSectionTest {

    /** As the compare stage words it (ViewsOnRealFootageTest checks the wording on real footage). */
    private static final String REASON = "filmed from the side (right side to the camera) (side-right 74 % of the"
            + " frames): the far knee is hidden, so left/right symmetry cannot be measured; film from the side with"
            + " each side to the camera in turn, e.g. passing it both ways, to measure it (here the left side faced"
            + " the camera in 0 % of the frames)";
    private static final String ADVICE = "View: the athlete was filmed mostly from the side (right side to the"
            + " camera). Not measured: Left/right knee range-of-motion symmetry index (film from the side with each"
            + " side to the camera in turn, e.g. passing it both ways).";

    private final ReportRenderer renderer = new ReportRenderer();

    @Test
    void aWithheldMetricIsListedWithItsReasonAndTheCaptureAdviceShown(@TempDir Path tmp) throws Exception {
        Map<String, Object> report = SampleReport.json();
        Map<String, Object> comparison = SampleReport.comparisonJson(report);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) comparison.get("metrics");
        Map<String, Object> symmetry = metrics.stream().filter(m -> m.get("id").equals("knee_symmetry")).findFirst()
                .orElseThrow();
        symmetry.put("value", null);
        symmetry.put("withinTarget", null);
        symmetry.put("withheld", REASON);
        Map<String, Object> shares = new LinkedHashMap<>();
        shares.put("oblique", 0.205);
        shares.put("side-right", 0.744);
        shares.put("back", 0.051);
        comparison.put("capture", new LinkedHashMap<>(Map.of("frames", 39, "viewShares", shares,
                "dominantView", "side-right", "heightShare", 0.417, "fps", 10.0, "outOfFrame", 0.231,
                "lowVisibility", 0.59, "hiddenAngles", List.of("left_knee_angle"),
                "advice", List.of(ADVICE, "Frame rate: 10 frames per second misses the quick peaks of a movement;"
                        + " film at 30 frames per second or more."))));

        String html = renderer.html(new ReportData(SampleReport.typed(report), Map.of(), null, Map.of(),
                Instant.parse("2026-12-03T08:00:00Z")));

        assertThat(html).contains("Not measured from this view").contains(REASON).contains("Capture quality")
                .contains(ADVICE).contains("Seen from: side-right 74 %, oblique 21 %, back 5 % of the 39 frames");
        // the withheld metric is not in the table of measured values
        String measured = html.substring(html.indexOf("Metrics and targets"), html.indexOf("Not measured from"));
        assertThat(measured).doesNotContain("symmetry").contains("Deepest knee angle");
        String pdf = pdfText(Files.write(tmp.resolve("capture.pdf"), renderer.pdf(
                ReportData.of(SampleReport.typed(report)))));
        assertThat(pdf).contains("Not measured from this view").contains("Capture quality")
                .contains("the far knee is hidden");
    }

    @Test
    void aComparisonStoredBeforeViewsShowsNeitherSection() throws Exception {
        String html = renderer.html(ReportData.of(SampleReport.typed(SampleReport.json())));
        assertThat(html).doesNotContain("Not measured from this view").doesNotContain("Capture quality")
                .contains("Metrics and targets");
    }

    private static String pdfText(Path pdf) throws Exception {
        Process p = new ProcessBuilder("pdftotext", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", " ");
    }
}
