package com.skillmirror.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.compare.RepetitionSet;
import com.skillmirror.compare.RepetitionSet.KeyFrame;
import com.skillmirror.compare.RepetitionSet.MetricSeries;
import com.skillmirror.compare.RepetitionSet.Rep;
import com.skillmirror.compare.RepetitionSet.SplitInfo;
import com.skillmirror.compare.RepetitionSet.Spread;
import com.skillmirror.compare.RepetitionSet.Trend;
import com.skillmirror.compare.FeatureSeries;
import com.skillmirror.compare.PatternBuilder;
import com.skillmirror.compare.Repetitions;
import com.skillmirror.compare.SkillComparator;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertProfile;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repetitions section of the report (HTML and PDF) with the best and the worst repetition's key frames on real
 * footage, and its absence for a comparison without repetitions.
 */
class RepetitionsReportTest {

    private static final ExpertProfile PASSER_BY = new ExpertProfile(
            "Unidentified pedestrian in OpenCV's vtest.avi sample (test data)", null,
            "OpenCV samples, via the Debian opencv-doc package", "OpenCV sample data (Apache-2.0/BSD)");

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

    /**
     * A real set: the walker of OpenCV's vtest clip (Debian opencv-doc; 8 s at 10 fps, cropped to the walker) tracked
     * by the real pose engine, split into strides under the running-gait skill against one of its own strides. The
     * report shows the best and the worst stride at their key moments, drawn from the clip with the skeleton, in the
     * Repetitions section of the HTML and the PDF.
     */
    @Test
    void aRealSetsReportShowsTheBestAndTheWorstRepetitionAtTheirKeyMoments() throws Exception {
        Path clip = TestClips.excerpt(TestMedia.file("opencv_vtest_pedestrians.avi"), tmp.resolve("walker.mp4"), 60, 8,
                "crop=480:320:150:256,scale=960:640");
        PoseSeries poses = PoseClips.trackClip(clip, PoseOptions.defaults());
        KinematicSeries walker = Kinematics.of(poses, poses.mainPersonId());
        SkillDefinition running = SkillCatalog.load().get("running-gait");
        SkillComparator comparator = new SkillComparator(running);
        // the pattern: the walk's middle stride-length stretch, so the set's strides score differently against it
        FeatureSeries all = FeatureSeries.of(walker);
        int third = all.length() / 3;
        ExpertPattern ownWalk = new PatternBuilder(running).build(List.of(new FeatureSeries(all.names(), all.fps(),
                java.util.Arrays.copyOfRange(all.values(), third, 2 * third))), PASSER_BY);
        RepetitionSet set = new Repetitions(running, comparator)
                .addTo(comparator.compare(walker, ownWalk, Map.of()), walker, ownWalk, Map.of()).repetitions();
        assertThat(set).as("the real walk is a set of strides").isNotNull();
        assertThat(set.best()).isNotEqualTo(set.worst());
        int bestFrame = set.reps().get(set.best() - 1).keyFrame().frameIndex();
        int worstFrame = set.reps().get(set.worst() - 1).keyFrame().frameIndex();
        System.out.println("walker set: " + set.count() + " strides, best " + set.best() + " (frame " + bestFrame
                + "), worst " + set.worst() + " (frame " + worstFrame + ")");

        Map<String, byte[]> frames = RepetitionFrames.draw(clip, poses, set);

        assertThat(frames).containsOnlyKeys(RepetitionFrames.BEST, RepetitionFrames.WORST);
        BufferedImage best = ImageIO.read(new ByteArrayInputStream(frames.get(RepetitionFrames.BEST)));
        BufferedImage worst = ImageIO.read(new ByteArrayInputStream(frames.get(RepetitionFrames.WORST)));
        assertThat(best.getWidth()).isEqualTo(960);
        assertThat(best.getHeight()).isEqualTo(640);
        // each picture is its repetition's key frame of the clip (closer to that frame than to the other one's),
        // with the skeleton drawn over it
        BufferedImage rawBest = rawFrame(clip, bestFrame);
        BufferedImage rawWorst = rawFrame(clip, worstFrame);
        assertThat(meanDifference(best, rawBest)).isLessThan(meanDifference(best, rawWorst));
        assertThat(meanDifference(worst, rawWorst)).isLessThan(meanDifference(worst, rawBest));
        assertThat(strongDifferences(best, rawBest)).as("skeleton pixels").isGreaterThan(200);

        Map<String, Object> results = SampleReport.json();
        SampleReport.comparisonJson(results).put("repetitions", JsonMapper.builder().build().convertValue(set,
                Map.class));
        ReportData data = new ReportData(SampleReport.typed(results), frames, null, Map.of(), java.time.Instant.now());
        String html = renderer.html(data);
        String section = html.substring(html.indexOf("id=\"repetitions\""));
        section = section.substring(0, section.indexOf("<h2", 10));
        String base64 = java.util.Base64.getEncoder().encodeToString(frames.get(RepetitionFrames.BEST));
        assertThat(section).contains("id=\"repetition-best\"", "id=\"repetition-worst\"",
                "Best repetition, its key moment", "Worst repetition, its key moment",
                "data:image/jpeg;base64," + base64,
                "data:image/jpeg;base64," + java.util.Base64.getEncoder().encodeToString(
                        frames.get(RepetitionFrames.WORST)));
        // only there: not again among the take's key frames
        assertThat(html.split(java.util.regex.Pattern.quote(base64), -1)).hasSize(2);

        // the PDF carries both pictures: two images more than the same report without them
        Path with = Files.write(tmp.resolve("with.pdf"), renderer.pdf(data));
        Path without = Files.write(tmp.resolve("without.pdf"), renderer.pdf(new ReportData(SampleReport.typed(results),
                Map.of(), null, Map.of(), java.time.Instant.now())));
        assertThat(pdfImages(with)).isEqualTo(pdfImages(without) + 2);
    }

    /** The clip's frame {@code index} as decoded, without drawing. */
    private static BufferedImage rawFrame(Path clip, int index) throws Exception {
        for (PoseClips.Decoded d : PoseClips.decode(clip, 0, index + 1, java.util.function.UnaryOperator.identity())) {
            if (d.index() == index) {
                byte[] rgb = d.image().rgb();
                BufferedImage img = new BufferedImage(d.image().width(), d.image().height(), BufferedImage.TYPE_INT_RGB);
                for (int i = 0, px = 0; px < d.image().width() * d.image().height(); px++, i += 3) {
                    img.setRGB(px % d.image().width(), px / d.image().width(),
                            (rgb[i] & 255) << 16 | (rgb[i + 1] & 255) << 8 | (rgb[i + 2] & 255));
                }
                return img;
            }
        }
        throw new AssertionError("no frame " + index + " in " + clip);
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                sum += difference(a.getRGB(x, y), b.getRGB(x, y));
            }
        }
        return sum / (double) (a.getWidth() * a.getHeight());
    }

    /** Pixels that differ by more than 150 levels over the three channels: drawn lines, not compression noise. */
    private static long strongDifferences(BufferedImage a, BufferedImage b) {
        long n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += difference(a.getRGB(x, y), b.getRGB(x, y)) > 150 ? 1 : 0;
            }
        }
        return n;
    }

    private static int difference(int p, int q) {
        return Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255))
                + Math.abs((p & 255) - (q & 255));
    }

    /** The number of images in a PDF, by poppler's pdfimages. */
    private static int pdfImages(Path pdf) throws Exception {
        Process p = new ProcessBuilder("pdfimages", "-list", pdf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // a header line, a dashes line, then one line per image
        return (int) out.lines().skip(2).filter(l -> !l.isBlank()).count();
    }

    @Test
    void aComparisonWithoutRepetitionsHasNoSection() throws Exception {
        String html = renderer.html(ReportData.of(SampleReport.typed(SampleReport.json())));
        assertThat(html).doesNotContain("id=\"repetitions\"");
    }
}
