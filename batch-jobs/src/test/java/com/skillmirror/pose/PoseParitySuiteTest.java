package com.skillmirror.pose;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseModel;
import com.skillmirror.testsupport.TestMedia;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The pose engine against MediaPipe's own runtime on the parity set ({@link ParityMedia}: photos and clips from
 * packages the engine was never tuned on; references in src/test/resources/pose/parity, see its README).
 *
 * <p>Two references per image or frame, both from MediaPipe's web runtime (@mediapipe/pose in Chromium), same
 * graph and models, differing only in where the networks run: {@code cpu-inference/} (option
 * {@code useCpuInference: true}: TFLite on the CPU, as our engine runs it) and the files at the top (the web
 * runtime's default on desktop: inference on WebGL, software-rendered here). The targets are asserted
 * against the CPU-inference run. Against the WebGL run they are not met, and MediaPipe's own CPU run misses them
 * by as much (the table prints MediaPipe CPU vs WebGL next to ours): that part is asserted as regression limits at
 * the measured values.
 *
 * <p>Error of one image or frame = mean distance (pixels) of the 33 landmarks of our main person (rank 0) to
 * MediaPipe's, divided by the person's size: the larger side of the bounding box of MediaPipe's 33 landmarks
 * (as in {@link PoseParityTest}). Also reported on the landmarks MediaPipe marks visible (visibility &gt; 0.5).
 * The first set is split in two halves (even / odd positions): the engine was tuned looking at the first only; both
 * are reported, and so are the held-out photos ({@link ParityMedia#HELD_OUT_PHOTOS}), added after the engine's last
 * change. Where MediaPipe's two runs disagree on whether anyone is there, the image is measured against the
 * CPU-inference run only.
 */
class PoseParitySuiteTest {

    // issue 15's targets (asserted against MediaPipe's CPU-inference run)
    static final double STILL_MAX = 0.02;
    static final double STILL_MEAN = 0.01;
    static final double FRAME_MAX = 0.025;
    static final double FRAME_MEAN = 0.01;

    // Regression limits against MediaPipe's CPU-inference run, above the values measured on 3 December 2026 (still
    // max 0.33 %, tracking_faces.png, colour-converted by another colour engine; mean 0.01 %; frame max 0.02 %): the
    // engine follows MediaPipe's semantics exactly, far inside the targets, and a change that drifts from
    // them should fail here rather than hide under 2 % (margins leave room for other CPUs' float rounding).
    static final double CPU_STILL_MAX_LIMIT = 0.005;
    static final double CPU_STILL_MEAN_LIMIT = 0.0005;
    static final double CPU_FRAME_MAX_LIMIT = 0.002;

    // Regression limits against MediaPipe's WebGL-inference run, slightly above the values measured on 4 December
    // 2026 (README, pose parity). The still targets (every still <= 2 %, mean <= 1 %) and its per-frame
    // target (every frame <= 2.5 %) are NOT met against this run: 21 of 51 stills over 2 %, mean 6.90 %, median
    // 1.47 % (the 20 held-out photos: 7 over 2 %, mean 7.70 %, median 1.28 %); 5 of 58 frames over 2.5 %.
    // MediaPipe's own CPU-inference run is exactly as far from it (the table shows it). The frame mean target
    // (<= 1 %) is met (0.92 %) and asserted as such.
    static final double WEBGL_STILL_MEAN_LIMIT = 0.071;
    static final double WEBGL_STILL_MEDIAN_LIMIT = 0.016;
    static final int WEBGL_STILLS_OVER_2_PERCENT_LIMIT = 21;
    static final int WEBGL_FRAMES_OVER_2_5_PERCENT_LIMIT = 5;

    /**
     * Measured exception to "where MediaPipe finds nobody, we find nobody" against the WebGL run: there MediaPipe
     * loses the cyclist of g2 one frame earlier (its pose score falls below 0.5 at frame 3, a WebGL numeric
     * difference); its CPU-inference run still finds him in frame 3, as we do.
     */
    static final Set<String> WEBGL_NOBODY_EXCEPTIONS = Set.of("mecavideo_g2.avi frame 3");

    private static PoseEstimator estimator;

    @BeforeAll
    static void setUp() {
        estimator = new PoseEstimator(PoseModels.resolve(), PoseOptions.defaults().withModel(PoseModel.FULL));
    }

    @AfterAll
    static void tearDown() {
        if (estimator != null) {
            estimator.close();
        }
    }

    /** A reference file: {@code cpu} = MediaPipe's CPU-inference run, else its WebGL-inference run. */
    static JsonNode reference(String resource, boolean cpu) throws Exception {
        String path = "/pose/parity/" + (cpu ? "cpu-inference/" : "") + resource;
        try (InputStream in = PoseParitySuiteTest.class.getResourceAsStream(path)) {
            assertThat(in).as("reference %s", path).isNotNull();
            JsonNode ref = new ObjectMapper().readTree(in);
            assertThat(ref.get("version").asText()).isEqualTo(PoseModels.NPM_VERSION);
            assertThat(ref.get("modelComplexity").asInt()).isEqualTo(1);
            assertThat(ref.path("inference").asText("gpu")).isEqualTo(cpu ? "cpu" : "gpu");
            return ref;
        }
    }

    static JsonNode reference(String resource) throws Exception {
        return reference(resource, false);
    }

    /** Our main person's 33 landmarks as normalised {x, y}; null when we find nobody. */
    static double[][] points(List<PersonPose> ours) {
        if (ours.isEmpty()) {
            return null;
        }
        double[][] p = new double[33][];
        for (int i = 0; i < 33; i++) {
            Landmark l = ours.get(0).landmarks().get(i);
            p[i] = new double[] {l.x(), l.y()};
        }
        return p;
    }

    /** A reference's 33 landmarks as normalised {x, y}; null when MediaPipe found nobody. */
    static double[][] points(JsonNode refLandmarks) {
        if (refLandmarks.isEmpty()) {
            return null;
        }
        double[][] p = new double[33][];
        for (int i = 0; i < 33; i++) {
            p[i] = new double[] {refLandmarks.get(i).get(0).asDouble(), refLandmarks.get(i).get(1).asDouble()};
        }
        return p;
    }

    /** {all-landmark error, visible-landmark error}; null when MediaPipe found nobody; infinite when we did. */
    static double[] error(JsonNode refLandmarks, double[][] ours, int width, int height) {
        if (refLandmarks.isEmpty()) {
            return null;
        }
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        double sum = 0, sumVisible = 0;
        int visible = 0;
        for (int i = 0; i < 33; i++) {
            JsonNode r = refLandmarks.get(i);
            double rx = r.get(0).asDouble() * width;
            double ry = r.get(1).asDouble() * height;
            x0 = Math.min(x0, rx);
            y0 = Math.min(y0, ry);
            x1 = Math.max(x1, rx);
            y1 = Math.max(y1, ry);
            if (ours == null) {
                continue;
            }
            double d = Math.hypot(ours[i][0] * width - rx, ours[i][1] * height - ry);
            sum += d;
            if (r.get(2).asDouble() > 0.5) {
                sumVisible += d;
                visible++;
            }
        }
        if (ours == null) {
            return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        double size = Math.max(x1 - x0, y1 - y0);
        return new double[] {sum / 33 / size, visible > 0 ? sumVisible / visible / size : sum / 33 / size};
    }

    static double mean(List<Double> errors) {
        return errors.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    static double median(List<Double> errors) {
        double[] e = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return e[(e.length - 1) / 2];
    }

    static long over(List<Double> errors, double limit) {
        return errors.stream().filter(v -> !(v <= limit)).count();
    }

    static String stats(String label, List<Double> errors, double limit) {
        double[] e = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (e.length == 0) {
            return label + ": none";
        }
        double mean = Arrays.stream(e).average().orElse(0);
        long over = Arrays.stream(e).filter(v -> v > limit).count();
        return String.format(Locale.ROOT, "%s: n=%d mean %.2f%% median %.2f%% p90 %.2f%% max %.2f%% over %.1f%%: %d",
                label, e.length, 100 * mean, 100 * e[(e.length - 1) / 2], 100 * e[(int) Math.ceil(0.9 * e.length) - 1],
                100 * e[e.length - 1], 100 * limit, over);
    }

    private static Map<String, JsonNode> byName(JsonNode... frameLists) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode frames : frameLists) {
            frames.forEach(f -> out.put(f.get("image").asText(), f));
        }
        return out;
    }

    private static String pct(double[] e) {
        return e == null ? "     -" : String.format(Locale.ROOT, "%6.2f%%", 100 * e[0]);
    }

    @Test
    void stillImagesMatchMediaPipe() throws Exception {
        Map<String, JsonNode> cpuRefs = byName(reference("stills-photos.json", true).get("frames"),
                reference("stills-variants.json", true).get("frames"),
                reference("stills-heldout.json", true).get("frames"));
        Map<String, JsonNode> webglRefs = byName(reference("stills-photos.json").get("frames"),
                reference("stills-variants.json").get("frames"), reference("stills-heldout.json").get("frames"));
        List<Path> files = ParityMedia.stills(TestMedia.cacheDir().resolve("parity").resolve("derived"));
        int firstHeldOut = files.size() - ParityMedia.HELD_OUT_PHOTOS.size();
        assertThat(files).hasSize(cpuRefs.size()).hasSize(webglRefs.size());
        List<Double> cpu = new ArrayList<>();
        List<Double> cpuVisible = new ArrayList<>();
        List<Double> webgl = new ArrayList<>();
        List<Double> webglTune = new ArrayList<>();
        List<Double> webglCheck = new ArrayList<>();
        List<Double> cpuHeldOut = new ArrayList<>();
        List<Double> webglHeldOut = new ArrayList<>();
        List<Double> mediaPipeCpuVsWebgl = new ArrayList<>();
        List<String> cpuFailures = new ArrayList<>();
        List<String> webglNobody = new ArrayList<>();
        List<String> presenceDisagreements = new ArrayList<>();
        System.out.println("parity stills: image | size | error vs MediaPipe CPU-inference (all / visible landmarks)"
                + " | vs MediaPipe WebGL | MediaPipe CPU vs WebGL | people (ours) | half");
        for (int k = 0; k < files.size(); k++) {
            Path file = files.get(k);
            String name = file.getFileName().toString();
            JsonNode cpuRef = cpuRefs.get(name);
            JsonNode webglRef = webglRefs.get(name);
            assertThat(cpuRef).as("CPU-inference reference for %s", file).isNotNull();
            assertThat(webglRef).as("WebGL reference for %s", file).isNotNull();
            RgbImage img = RgbImage.read(file);
            assertThat(new int[] {img.width(), img.height()}).as("decoded size of %s (EXIF orientation applied)", file)
                    .containsExactly(cpuRef.get("width").asInt(), cpuRef.get("height").asInt());
            List<PersonPose> ours = estimator.estimateImage(img);
            double[][] p = points(ours);
            double[] eCpu = error(cpuRef.get("landmarks"), p, img.width(), img.height());
            double[] eWebgl = error(webglRef.get("landmarks"), p, img.width(), img.height());
            double[] eMediaPipe = error(webglRef.get("landmarks"), points(cpuRef.get("landmarks")),
                    img.width(), img.height());
            String half = k >= firstHeldOut ? "held out" : k % 2 == 0 ? "tune" : "check";
            System.out.printf(Locale.ROOT, "  %-36s %5dx%-5d %s / %s  %s  %s  %d %s%n", name, img.width(),
                    img.height(), pct(eCpu), eCpu == null ? "     -" : pct(new double[] {eCpu[1]}), pct(eWebgl),
                    pct(eMediaPipe), ours.size(), half);
            if (eCpu == null) {
                if (!ours.isEmpty()) {
                    cpuFailures.add(name + ": MediaPipe (CPU inference) finds nobody, we find " + ours.size());
                }
            } else {
                cpu.add(eCpu[0]);
                if (k >= firstHeldOut) {
                    cpuHeldOut.add(eCpu[0]);
                }
                cpuVisible.add(eCpu[1]);
                if (!(eCpu[0] <= STILL_MAX)) {
                    cpuFailures.add(String.format(Locale.ROOT, "%s: %.2f%%", name, 100 * eCpu[0]));
                }
            }
            boolean mediaPipeRunsDisagree = (eCpu == null) != (eWebgl == null);
            if (mediaPipeRunsDisagree) {
                // one of MediaPipe's runs finds a person and the other does not: nothing to measure against the
                // WebGL run (we follow the CPU-inference run, asserted above)
                presenceDisagreements.add(name);
            } else if (eWebgl == null) {
                if (!ours.isEmpty()) {
                    webglNobody.add(name);
                }
            } else {
                webgl.add(eWebgl[0]);
                (k >= firstHeldOut ? webglHeldOut : k % 2 == 0 ? webglTune : webglCheck).add(eWebgl[0]);
                mediaPipeCpuVsWebgl.add(eMediaPipe[0]);
            }
        }
        System.out.println("parity stills " + stats("vs MediaPipe CPU-inference, all", cpu, STILL_MAX));
        System.out.println("parity stills " + stats("vs MediaPipe CPU-inference, visible landmarks", cpuVisible, STILL_MAX));
        System.out.println("parity stills " + stats("vs MediaPipe CPU-inference, held-out photos", cpuHeldOut,
                STILL_MAX));
        System.out.println("parity stills " + stats("vs MediaPipe WebGL, all", webgl, STILL_MAX));
        System.out.println("parity stills " + stats("vs MediaPipe WebGL, tune half", webglTune, STILL_MAX));
        System.out.println("parity stills " + stats("vs MediaPipe WebGL, check half", webglCheck, STILL_MAX));
        System.out.println("parity stills " + stats("vs MediaPipe WebGL, held-out photos", webglHeldOut, STILL_MAX));
        System.out.println("parity stills " + stats("MediaPipe CPU-inference vs MediaPipe WebGL", mediaPipeCpuVsWebgl,
                STILL_MAX));
        System.out.println("parity stills: " + cpu.size() + " with a person (CPU-inference run), " + webgl.size()
                + " (both MediaPipe runs); MediaPipe's two runs disagree on whether anyone is there: "
                + presenceDisagreements);

        // issue 15: at least 40 images of people; 36 of them never looked at while tuning (held out + check half)
        assertThat(cpu).hasSizeGreaterThanOrEqualTo(40);
        assertThat(cpuHeldOut).hasSizeGreaterThanOrEqualTo(20);
        assertThat(presenceDisagreements).as("images left out of the WebGL comparison")
                .containsExactlyInAnyOrder("dlib_2008_002079.jpg", "qt5demos_sports.jpg");
        assertThat(cpuFailures).as("stills over %.0f%% of MediaPipe's CPU-inference run, or nobody disagreement",
                100 * STILL_MAX).isEmpty();
        assertThat(mean(cpu)).isLessThanOrEqualTo(STILL_MEAN);
        assertThat(over(cpu, CPU_STILL_MAX_LIMIT)).as("stills over the %.1f%% regression limit", 100 * CPU_STILL_MAX_LIMIT)
                .isZero();
        assertThat(mean(cpu)).isLessThanOrEqualTo(CPU_STILL_MEAN_LIMIT);

        assertThat(webglNobody).as("stills where MediaPipe's WebGL run finds nobody and we find someone").isEmpty();
        assertThat(webgl).hasSizeGreaterThanOrEqualTo(40);
        // regression limits, not the targets (see the constants)
        assertThat(mean(webgl)).isLessThanOrEqualTo(WEBGL_STILL_MEAN_LIMIT);
        assertThat(median(webgl)).isLessThanOrEqualTo(WEBGL_STILL_MEDIAN_LIMIT);
        assertThat(over(webgl, STILL_MAX)).isLessThanOrEqualTo(WEBGL_STILLS_OVER_2_PERCENT_LIMIT);
    }

    @Test
    void videoFramesMatchMediaPipe() throws Exception {
        List<Double> cpu = new ArrayList<>();
        List<Double> webgl = new ArrayList<>();
        List<String> cpuFailures = new ArrayList<>();
        List<String> webglNobody = new ArrayList<>();
        int frames = 0;
        for (ParityMedia.Clip clip : ParityMedia.CLIPS) {
            JsonNode cpuFrames = reference("clip-" + clip.name() + ".json", true).get("frames");
            JsonNode webglFrames = reference("clip-" + clip.name() + ".json").get("frames");
            List<RgbImage> images = ParityMedia.frames(clip);
            assertThat(images).hasSize(cpuFrames.size()).hasSize(webglFrames.size());
            List<Double> clipCpu = new ArrayList<>();
            List<Double> clipWebgl = new ArrayList<>();
            try (PoseEstimator video = new PoseEstimator(PoseModels.resolve(),
                    PoseOptions.defaults().withModel(PoseModel.FULL).withSmoothing(false))) {
                PoseTracker tracker = video.tracker();
                for (int i = 0; i < images.size(); i++) {
                    RgbImage img = images.get(i);
                    double[][] p = points(tracker.next(img, Math.round(i * 1000 / clip.fps())));
                    String frame = clip.name() + " frame " + i;
                    frames++;
                    double[] eCpu = error(cpuFrames.get(i).get("landmarks"), p, img.width(), img.height());
                    if (eCpu == null) {
                        if (p != null) {
                            cpuFailures.add(frame + ": MediaPipe (CPU inference) finds nobody, we find someone");
                        }
                    } else {
                        clipCpu.add(eCpu[0]);
                        if (!(eCpu[0] <= FRAME_MAX)) {
                            cpuFailures.add(String.format(Locale.ROOT, "%s: %.2f%%", frame, 100 * eCpu[0]));
                        }
                    }
                    double[] eWebgl = error(webglFrames.get(i).get("landmarks"), p, img.width(), img.height());
                    if (eWebgl == null) {
                        if (p != null) {
                            webglNobody.add(frame);
                        }
                    } else {
                        clipWebgl.add(eWebgl[0]);
                    }
                }
            }
            System.out.println("parity video " + stats(clip.name() + " vs MediaPipe CPU-inference", clipCpu, FRAME_MAX));
            System.out.println("parity video " + stats(clip.name() + " vs MediaPipe WebGL", clipWebgl, FRAME_MAX));
            cpu.addAll(clipCpu);
            webgl.addAll(clipWebgl);
        }
        System.out.println("parity video " + stats("all frames vs MediaPipe CPU-inference", cpu, FRAME_MAX) + " of "
                + frames + " frames");
        System.out.println("parity video " + stats("all frames vs MediaPipe WebGL", webgl, FRAME_MAX) + " of "
                + frames + " frames; we find someone where it finds nobody: " + webglNobody);

        assertThat(cpu).hasSizeGreaterThan(50);
        assertThat(cpuFailures).as("frames over %.1f%% of MediaPipe's CPU-inference run, or nobody disagreement",
                100 * FRAME_MAX).isEmpty();
        assertThat(mean(cpu)).isLessThanOrEqualTo(FRAME_MEAN);
        assertThat(over(cpu, CPU_FRAME_MAX_LIMIT)).as("frames over the %.1f%% regression limit", 100 * CPU_FRAME_MAX_LIMIT)
                .isZero();

        assertThat(webgl).hasSizeGreaterThan(50);
        assertThat(webglNobody).as("frames where MediaPipe's WebGL run finds nobody and we find someone, beyond the"
                + " listed measured exceptions").isSubsetOf(WEBGL_NOBODY_EXCEPTIONS);
        assertThat(mean(webgl)).isLessThanOrEqualTo(FRAME_MEAN);
        // a regression limit, not the target (see the constants)
        assertThat(over(webgl, FRAME_MAX)).isLessThanOrEqualTo(WEBGL_FRAMES_OVER_2_5_PERCENT_LIMIT);
    }
}
