package com.skillmirror.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.skillmirror.kinematics.BodyLandmark;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.speech.SpeechResult;
import com.skillmirror.speech.TranscriptConfidence;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report.json the CLI wrote for a real clip (a talking head filmed for the squat skill: a real run,
 * score, speech findings, pattern provenance), read typed as stored results are ({@link SampleReport}), variants of
 * it with a failed stage or hostile text, and the PDF rasterised by poppler's pdftoppm.
 */
class ReportRendererTest {

    private static final Instant DATE = Instant.parse("2026-11-25T09:00:00Z");
    private final ReportRenderer renderer = new ReportRenderer();

    @TempDir
    Path tmp;

    @Test
    void htmlShowsScoreFindingsSpeechAndProvenanceOfARealRun() throws Exception {
        String html = renderer.html(new ReportData(typed(sample()), Map.of(), squat(), Map.of(), DATE));

        assertThat(html).contains("<div class=\"score\">19</div>")
                .contains("Slow pace: 86 words per minute (target 120-170).")
                .contains("Pick up the pace a little and shorten pauses between sentences.")
                .contains("Deepest knee angle").contains("at most 100 deg").contains("0.6 to 1.6 ratio")
                .contains("Pause at 4.74 s").contains("1.59 s")
                .contains("squat@a704b368a3d0 (PUBLISHED_NORM)")
                .contains("Essentials of Strength Training and Conditioning")
                .contains("pocketsphinx (approximate: words may be wrong)")
                .contains("2026-11-25 09:00 UTC")
                .contains(">directory</span>")
                .doesNotContain("FAILED").doesNotContain("SKIPPED").doesNotContain("NOT RUN");
        assertThat(html).contains("<svg").contains("Left hip angle");
        assertWellFormedXml(html);
    }

    @Test
    void aFailedPoseStageIsExplainedInsteadOfItsSections() throws Exception {
        Map<String, Object> results = sample();
        Map<String, Object> stages = child(results, "stages");
        stages.put("pose", new LinkedHashMap<>(Map.of("status", "FAILED",
                "error", "Pose estimation failed: the model file could not be read")));
        stages.remove("compare");

        String html = renderer.html(new ReportData(typed(results), Map.of(), null, Map.of(), DATE));

        assertThat(html).contains("pose FAILED:")
                .contains("Pose estimation failed: the model file could not be read")
                .contains("compare NOT RUN:")
                .doesNotContain("Joint angles over time").doesNotContain("Metrics and targets")
                .doesNotContain("Learning path")
                .contains("no score: see below")
                .contains("Slow pace: 86 words per minute"); // speech still ran
        assertWellFormedXml(html);
    }

    @Test
    void aSkippedStageShowsItsReason() throws Exception {
        Map<String, Object> results = sample();
        child(results, "stages").put("speech", new LinkedHashMap<>(Map.of("status", "SKIPPED",
                "error", "The video has no audio track: speech analysis was skipped.")));

        String html = renderer.html(ReportData.of(typed(results)));

        assertThat(html).contains("speech SKIPPED:").contains("The video has no audio track")
                .doesNotContain("<h2>Speech</h2>").doesNotContain("Slow pace");
    }

    @Test
    void aTalkWithoutSpeechSaysSoInsteadOfMeasurements() throws Exception {
        Map<String, Object> results = sample();
        Map<String, Object> speech = child(results, "stages", "speech", "result");
        speech.put("noSpeechDetected", true);
        speech.put("noSpeechReason", "Only music was heard: no voice above the noise floor.");

        String html = renderer.html(ReportData.of(typed(results)));

        assertThat(html).contains("<h2>Speech</h2>").contains("Only music was heard: no voice above the noise floor.")
                .doesNotContain("Words per minute").doesNotContain("<h3>Transcript</h3>");
    }

    @Test
    void userTextIsEscaped() throws Exception {
        Map<String, Object> results = sample();
        results.put("athlete", "<script>alert('x')</script> & Co");
        @SuppressWarnings("unchecked")
        Map<String, Object> word = (Map<String, Object>) listOf(results, "stages", "speech", "result", "transcript",
                "words").get(0);
        word.put("word", "<img src=x onerror=alert(1)>");

        String html = renderer.html(ReportData.of(typed(results)));

        assertThat(html).doesNotContain("<script>").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
        assertWellFormedXml(html);
    }

    @Test
    void theScoreShowsItsBandAndSmallestRealChangeWhenTheComparisonHasThem() throws Exception {
        // the stored sample predates the reliability field: no band line, nothing invented
        assertThat(renderer.html(ReportData.of(typed(sample())))).doesNotContain("within the noise");

        Map<String, Object> results = sample();
        Map<String, Object> comparison = child(results, "stages", "compare", "result", "comparison");
        comparison.put("reliability", Map.of("semPoints", 1.1, "bandPoints", 2.2, "smallestRealChangePoints", 3.1,
                "parts", 4, "partScores", List.of(95.5, 100.0, 100.0, 100.0),
                "basis", "the spread of the score over the 4 quarters of the take"));

        assertThat(renderer.html(ReportData.of(typed(results))))
                .contains("\u00b1 2.2 (95 %); a change under 3.1 is within the noise (the spread of the score over"
                        + " the 4 quarters of the take)");
    }

    @Test
    void techniqueFindingsCarryTheirDrillAndFillerWordsAreMarked() throws Exception {
        Map<String, Object> results = sample();
        Map<String, Object> comparison = child(results, "stages", "compare", "result", "comparison");
        comparison.put("findings", List.of(Map.of("id", "shallow_squat", "metric", "knee_depth", "value", 35.8,
                "severity", "PROBLEM", "impact", 1.4, "message", "The squat is not deep enough.",
                "drill", "box_squat")));
        comparison.put("learningPath", List.of(Map.of("order", 1, "drill", "box_squat", "name", "Box squat",
                "description", "Sit back onto a box at knee height.", "level", 1,
                "forFindings", List.of("shallow_squat"))));
        // the transcript's third word ("show", starting at 0.54 s in this run) counted as a filler
        Map<String, Object> stats = child(results, "stages", "speech", "result", "transcriptStats");
        Object third = listOf(results, "stages", "speech", "result", "transcript", "words").get(2);
        stats.put("fillers", List.of(Map.of("text", "show", "startSec", ((Map<?, ?>) third).get("startSec"))));

        String html = renderer.html(ReportData.of(typed(results)));

        assertThat(html).contains("The squat is not deep enough.").contains("Drill: <b>Box squat</b>")
                .contains("Sit back onto a box at knee height.")
                .contains("<span class=\"filler\">show</span>")
                .contains("<span>directory</span>"); // others unmarked
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPoorTranscriptIsShownWithItsConfidenceAndItsDoubtfulWordsAndWordCountsMarked() throws Exception {
        Map<String, Object> results = sample();
        // the stored run's words with confidences as pocketsphinx gives them: every other word doubtful
        List<Map<String, Object>> words = speechWords(results);
        for (int i = 0; i < words.size(); i++) {
            words.get(i).put("confidence", i % 2 == 0 ? 0.91 : 0.23);
        }
        Map<String, Object> speech = child(results, "stages", "speech", "result");
        SpeechResult typed = SampleReport.typed(results).speech();
        TranscriptConfidence c = TranscriptConfidence.of(typed.transcript());
        assertThat(c.poor()).isTrue();
        speech.put("transcriptConfidence", Map.of("mean", c.mean(), "lowWordShare", c.lowWordShare(),
                "words", c.words(), "poor", true, "basis", c.basis()));

        String html = renderer.html(ReportData.of(typed(results)));

        assertThat(html).contains("id=\"transcript-confidence\"")
                .contains(String.format(Locale.ROOT, "%.0f %% (pocketsphinx&#39;s posterior probability of each word",
                        c.mean() * 100))
                .contains("id=\"poor-transcript\"").contains("Rests on a poor transcript")
                .containsPattern("Words per minute</td><td>\\d+ \\(rests on a poor transcript\\)</td>")
                .containsPattern("Words</td><td>\\d+ \\(rests on a poor transcript\\)</td>")
                .contains("per minute) (rests on a poor transcript)")
                .contains("<span class=\"doubtful\" title=\"confidence 23 %\">" + words.get(1).get("word") + "</span>")
                .contains("<span title=\"confidence 91 %\">" + words.get(0).get("word") + "</span>")
                // audio-only numbers are not marked
                .containsPattern("Syllables per second</td><td>[\\d.]+</td>");
        assertWellFormedXml(html);

        Path pdf = Files.write(tmp.resolve("poor.pdf"), renderer.pdf(ReportData.of(typed(results))));
        assertThat(pdfText(pdf)).contains("Transcript confidence:").contains("Rests on a poor transcript")
                .contains("(rests on a poor transcript)");
    }

    @Test
    void aGoodTranscriptShowsItsConfidenceAndMarksNothing() throws Exception {
        Map<String, Object> results = sample();
        speechWords(results).forEach(w -> w.put("confidence", 0.93));
        child(results, "stages", "speech", "result").put("transcriptConfidence", Map.of("mean", 0.93,
                "lowWordShare", 0.0, "words", speechWords(results).size(), "poor", false, "basis", "test"));

        String html = renderer.html(ReportData.of(typed(results)));

        assertThat(html).contains("Transcript confidence:").contains("93 % (test, weighted by word length)")
                .doesNotContain("poor transcript").doesNotContain("class=\"doubtful\"");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> speechWords(Map<String, Object> results) {
        return (List<Map<String, Object>>) listOf(results, "stages", "speech", "result", "transcript", "words");
    }

    @Test
    void pdfIsA4WithTheChartDrawnAndPagesNotBlank() throws Exception {
        Map<String, double[]> pattern = Map.of("left_hip_angle", new double[] {170, 140, 100, 80, 100, 140, 170});
        byte[] withChart = renderer.pdf(new ReportData(typed(sample()), Map.of("keyframe-min", jpeg()), squat(),
                pattern, DATE));
        byte[] withoutChart = renderer.pdf(new ReportData(typed(sample()), Map.of(), null, Map.of(), DATE));

        assertThat(new String(withChart, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        List<BufferedImage> pages = rasterise(withChart, "chart");
        BufferedImage first = pages.get(0);
        // A4 is 595.28 x 841.89 pt; pdftoppm rounds the pixel size at 40 dpi
        assertThat(first.getWidth()).isBetween(330, 332);
        assertThat(first.getHeight()).isBetween(467, 469);
        assertThat(luminanceStdDev(first)).isGreaterThan(10);

        // the athlete's line colour is used only by the chart: it is on a page when Batik drew the SVG
        assertThat(pages.stream().mapToLong(p -> pixelsNear(p, AngleCharts.ATHLETE)).sum()).isGreaterThan(50);
        List<BufferedImage> plain = rasterise(withoutChart, "plain");
        assertThat(plain.stream().mapToLong(p -> pixelsNear(p, AngleCharts.ATHLETE)).sum()).isZero();
        // the speech charts have their own colour, and are drawn in both
        assertThat(PdfPages.pixelsNear(plain, SpeechCharts.SPEECH)).isGreaterThan(50);
        assertThat(PdfPages.pixelsNear(pages, SpeechCharts.SPEECH)).isGreaterThan(50);
    }

    @Test
    void theExpertsKeyFramesStandBesideTheAthletesWhenThePatternHasFootage() throws Exception {
        byte[] athlete = jpeg();
        Map<String, byte[]> athletes = new LinkedHashMap<>();
        athletes.put("keyframe-min", athlete);
        athletes.put("keyframe-max", athlete);
        String html = renderer.html(new ReportData(typed(sample()), athletes, null, Map.of(), DATE, null,
                Map.of("keyframe-min", athlete)));
        // one row per moment; the expert's frame shares the athlete's row, and a moment without one stands alone
        String table = html.substring(html.indexOf("<table class=\"keyframes\">"));
        table = table.substring(0, table.indexOf("</table>"));
        String[] rows = table.split("<tr>");
        assertThat(rows).hasSize(3);
        assertThat(rows[1]).contains("alt=\"Expert: ").containsPattern("(?s)class=\"keyframe\".*class=\"keyframe\"");
        assertThat(rows[2]).doesNotContain("Expert: ");
        assertThat(renderer.html(new ReportData(typed(sample()), athletes, null, Map.of(), DATE)))
                .doesNotContain("Expert: ");
    }

    @Test
    void speechPacePitchAndLoudnessAreChartedOverTheTalk() throws Exception {
        String html = renderer.html(ReportData.of(typed(sample())));

        assertThat(html).contains("Pace, pitch and loudness over time").doesNotContain("speech-charts-missing");
        assertThat(html.split("class=\"chart speech-chart\"><svg", -1).length - 1).isEqualTo(3);
        for (String title : List.of("Pace over time", "Pitch over time", "Loudness over time")) {
            assertThat(html).contains(">" + title + "</text>");
        }
        assertWellFormedXml(html);
    }

    @Test
    void aSpeechResultWithoutItsTimelineSaysWhyThereAreNoCharts() throws Exception {
        Map<String, Object> results = sample();
        child(results, "stages", "speech", "result", "metrics").remove("timeline");

        String html = renderer.html(ReportData.of(typed(results)));

        assertThat(html).contains("id=\"speech-charts-missing\"").contains("has no timeline")
                .contains("analyse the video again").doesNotContain("speech-chart\"><svg")
                .contains("Slow pace: 86 words per minute"); // the rest of the speech section stays
        assertWellFormedXml(html);
    }

    @Test
    void sinceLastTimeComparesWithTheAthletesPreviousAnalysis() throws Exception {
        Map<String, Object> results = sample();
        results.put("athlete", "Zoë");
        Map<String, Object> comparison = child(results, "stages", "compare", "result", "comparison");
        Map<String, Double> now = com.skillmirror.report.progress.KeyMetrics.of(SampleReport.comparison(comparison));
        Map<String, Double> before = new LinkedHashMap<>(now);
        before.put("Deepest knee angle (deg)", 120.0); // was outside the target of at most 100, now 35.8
        before.put("Left hip angle deviation (deg)", 44.0); // +0.7 deg: noise
        before.put("Right hip angle deviation (deg)", 30.0); // +14.3 deg: worse
        before.put("Left/right knee range-of-motion symmetry index (%)", 5.0); // 1.68 now: inside the target of 10
        com.skillmirror.report.progress.SkillTrend trend = new com.skillmirror.report.progress.SkillTrend("squat",
                "Squat", List.of(point("2026-11-01T10:00:00Z", 30.5, before), point(results, "2026-11-25T08:59:00Z",
                        19.2, now)));

        String html = renderer.html(new ReportData(typed(results), Map.of(), null, Map.of(), DATE, trend));

        assertThat(html).contains("<h2 id=\"since-last-time\">Since last time</h2>")
                .contains("<span class=\"regressed\">Regressed since the previous analysis (2026-11-01 10:00 UTC);"
                        + " analysis 2 of Zoë for Squat.</span>")
                .containsPattern("Score \\(0-100\\)</td><td class=\"num\">31</td>\\s*<td class=\"num\">19</td>"
                        + "<td class=\"num\">-11</td>\\s*<td><span class=\"regressed\">regressed</span>\\s*"
                        + "<div class=\"muted\">lower</div>")
                .containsPattern(verdict("Deepest knee angle \\(deg\\)", "-84.2", "improved", "closer to the target"))
                .containsPattern(verdict("Left/right knee range-of-motion symmetry index \\(%\\)", "-3.3",
                        "unchanged", "within the target both times"))
                .containsPattern(verdict("Left hip angle deviation \\(deg\\)", "\\+0.7", "unchanged", "within noise"))
                .containsPattern(verdict("Right hip angle deviation \\(deg\\)", "\\+14.3", "regressed",
                        "larger deviation"))
                .contains("class=\"chart trend-chart\"><svg");
        assertWellFormedXml(html);

        String first = renderer.html(new ReportData(typed(results), Map.of(), null, Map.of(), DATE,
                new com.skillmirror.report.progress.SkillTrend("squat", "Squat", List.of(point(results,
                        "2026-11-25T08:59:00Z", 19.2, now)))));
        assertThat(first).contains("<span class=\"first\">First analysis of Zoë for Squat:")
                .doesNotContain("class=\"chart trend-chart\"");
        results.put("athlete", null);
        assertThat(renderer.html(new ReportData(typed(results), Map.of(), null, Map.of(), DATE,
                new com.skillmirror.report.progress.SkillTrend("squat", "Squat", List.of()))))
                .contains("No athlete was tagged on this video");
        // a history that ends with another video (this one was not found in it) is not shown as this one's
        assertThat(renderer.html(new ReportData(typed(results), Map.of(), null, Map.of(), DATE,
                new com.skillmirror.report.progress.SkillTrend("squat", "Squat", List.of(
                        point("2026-11-01T10:00:00Z", 30.5, before), point("2026-11-02T10:00:00Z", 19.2, now))))))
                .doesNotContain("Since last time");
        // without a comparison there is nothing to compare
        child(results, "stages").remove("compare");
        assertThat(renderer.html(new ReportData(typed(results), Map.of(), null, Map.of(), DATE, trend)))
                .doesNotContain("Since last time");
    }

    @Test
    void teamReportPdfIsTheSamePageOnA4() throws Exception {
        Map<String, Object> good = sample();
        good.put("athlete", "Zoë");
        Map<String, Object> failed = sample();
        failed.put("athlete", "Ben");
        failed.put("status", "FAILED");
        failed.put("error", Map.of("stage", "pose", "message", "No athlete detected in any frame"));
        TeamReport team = TeamReport.of(List.of(typed(good), typed(failed)));

        Path pdf = Files.write(tmp.resolve("team.pdf"), renderer.teamPdf(team, "Team report: Tuesday"));

        assertThat(PdfPages.count(pdf)).isEqualTo(1);
        BufferedImage page = PdfPages.rasterise(pdf, 40).get(0);
        assertThat(page.getWidth()).isBetween(330, 332);
        assertThat(page.getHeight()).isBetween(467, 469);
        assertThat(luminanceStdDev(page)).isGreaterThan(10);
        String text = pdfText(pdf);
        // cells that wrap interleave in the extracted text: the reason's first words stand for it
        assertThat(text).contains("Team report: Tuesday").contains("1 Zoë").contains("Ben")
                .contains("No athlete detected in any");
    }

    // ---- helpers ----

    private static com.skillmirror.report.progress.ProgressPoint point(String at, double score,
            Map<String, Double> metrics) {
        return new com.skillmirror.report.progress.ProgressPoint(java.util.UUID.randomUUID(), Instant.parse(at),
                score, metrics);
    }

    /** A since-last-time row: its label, change, verdict and what the verdict rests on. */
    private static String verdict(String label, String delta, String verdict, String why) {
        return "(?s)" + label + "</td>.*?" + delta + "</td>\\s*<td><span class=\"" + verdict + "\">" + verdict
                + "</span>\\s*<div class=\"muted\">" + why + "</div>";
    }

    /** The analysis of the report's own video. */
    private static com.skillmirror.report.progress.ProgressPoint point(Map<String, Object> results, String at,
            double score, Map<String, Double> metrics) {
        return new com.skillmirror.report.progress.ProgressPoint(java.util.UUID.fromString((String) results.get(
                "videoId")), Instant.parse(at), score, metrics);
    }

    /**
     * The PDF's text as poppler extracts it, white space (table cells wrap) made single spaces and the font's
     * ligatures ("ﬁ") made letters again (NFKC).
     */
    private static String pdfText(Path pdf) throws Exception {
        Process p = new ProcessBuilder("pdftotext", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).replaceAll("\\s+", " ");
    }

    private static Map<String, Object> sample() throws IOException {
        return SampleReport.json();
    }

    private static VideoResults typed(Map<String, Object> results) {
        return SampleReport.typed(results);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> root, String... path) {
        Object node = root;
        for (String key : path) {
            node = ((Map<String, Object>) node).get(key);
        }
        return (Map<String, Object>) node;
    }

    private static List<?> listOf(Map<String, Object> root, String... path) {
        Map<String, Object> parent = child(root, java.util.Arrays.copyOf(path, path.length - 1));
        return (List<?>) parent.get(path[path.length - 1]);
    }

    private static void assertWellFormedXml(String html) {
        // openhtmltopdf parses the page as XML: what a browser forgives would break the PDF
        assertThatCode(() -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)))).doesNotThrowAnyException();
    }

    /**
     * A squat seen side-on, computed by the real kinematics code from landmark positions: the hip sinks and moves
     * back, with a 5-frame gap where the person was not found.
     */
    private static KinematicSeries squat() {
        double fps = 30;
        List<PoseFrame> frames = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            long t = Math.round(i * 1000 / fps);
            if (i >= 40 && i < 45) {
                frames.add(new PoseFrame(i, t, List.of()));
                continue;
            }
            double depth = Math.sin(Math.PI * i / 89);
            double hipX = 0.50 - 0.12 * depth;
            double hipY = 0.45 + 0.18 * depth;
            Map<BodyLandmark, double[]> at = new EnumMap<>(BodyLandmark.class);
            for (String side : List.of("LEFT", "RIGHT")) {
                double dx = side.equals("LEFT") ? 0 : 0.01;
                at.put(BodyLandmark.valueOf(side + "_SHOULDER"), new double[] {hipX + 0.08 * depth + dx, hipY - 0.28});
                at.put(BodyLandmark.valueOf(side + "_ELBOW"), new double[] {hipX + 0.12 * depth + 0.1 + dx, hipY - 0.2});
                at.put(BodyLandmark.valueOf(side + "_WRIST"), new double[] {hipX + 0.12 * depth + 0.2 + dx, hipY - 0.2});
                at.put(BodyLandmark.valueOf(side + "_HIP"), new double[] {hipX + dx, hipY});
                at.put(BodyLandmark.valueOf(side + "_KNEE"), new double[] {0.58 + dx, 0.66});
                at.put(BodyLandmark.valueOf(side + "_ANKLE"), new double[] {0.52 + dx, 0.88});
                at.put(BodyLandmark.valueOf(side + "_FOOT_INDEX"), new double[] {0.60 + dx, 0.90});
            }
            List<Landmark> lms = new ArrayList<>();
            for (BodyLandmark b : BodyLandmark.values()) {
                double[] p = at.getOrDefault(b, new double[] {0.5, 0.2});
                lms.add(new Landmark((float) p[0], (float) p[1], 0, 0.95f, 0.95f));
            }
            frames.add(new PoseFrame(i, t, List.of(new PersonPose(0, 0.9f, lms, lms, null))));
        }
        return Kinematics.of(new PoseSeries("full", fps, 1280, 720, frames), 0);
    }

    private static byte[] jpeg() throws IOException {
        BufferedImage img = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, 160, 90);
        g.setColor(Color.ORANGE);
        g.fillOval(60, 20, 40, 50);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** Every page as PNG at 40 dpi, by poppler's pdftoppm. */
    private List<BufferedImage> rasterise(byte[] pdf, String name) throws Exception {
        Path file = tmp.resolve(name + ".pdf");
        Files.write(file, pdf);
        return PdfPages.rasterise(file, 40);
    }

    private static double luminanceStdDev(BufferedImage img) {
        return PdfPages.luminanceStdDev(img);
    }

    private static long pixelsNear(BufferedImage img, Color c) {
        return PdfPages.pixelsNear(img, c);
    }
}
