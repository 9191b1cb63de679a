package com.skillmirror.pose;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseModel;
import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.testsupport.TestMedia;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Java engine against MediaPipe's own runtime (@mediapipe/pose 0.5.1675469404 in headless Chromium, full
 * model) on real photos: see src/test/resources/pose/README.md.
 */
class PoseParityTest {

    private static PoseEstimator estimator;
    private static JsonNode reference;

    @BeforeAll
    static void setUp() throws Exception {
        estimator = new PoseEstimator(PoseModels.resolve(), PoseOptions.defaults().withModel(PoseModel.FULL));
        try (InputStream in = PoseParityTest.class.getResourceAsStream("/pose/mediapipe-pose-full-photos.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        assertThat(reference.get("version").asText()).isEqualTo(PoseModels.NPM_VERSION);
        assertThat(reference.get("modelComplexity").asInt()).isEqualTo(1);
    }

    @AfterAll
    static void tearDown() {
        if (estimator != null) {
            estimator.close();
        }
    }

    private static JsonNode frame(String name) {
        for (JsonNode f : reference.get("frames")) {
            if (f.get("image").asText().endsWith("/" + name)) {
                return f;
            }
        }
        throw new AssertionError("No reference for " + name);
    }

    private static RgbImage image(String name) throws Exception {
        Path file = TestMedia.file(name);
        RgbImage img = RgbImage.read(file);
        JsonNode ref = frame(name);
        assertThat(img.width()).isEqualTo(ref.get("width").asInt());
        assertThat(img.height()).isEqualTo(ref.get("height").asInt());
        return img;
    }

    /** Mean landmark distance / larger side of the reference landmarks' bounding box, plus world-landmark error. */
    private static double[] compare(String name) throws Exception {
        RgbImage img = image(name);
        JsonNode ref = frame(name).get("landmarks");
        JsonNode refWorld = frame(name).get("worldLandmarks");
        assertThat(ref.size()).isEqualTo(33);
        List<PersonPose> people = estimator.estimateImage(img);
        assertThat(people).as("people in %s", name).isNotEmpty();
        PersonPose p = people.get(0);
        assertThat(p.landmarks()).hasSize(33);
        assertThat(p.worldLandmarks()).hasSize(33);
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        double sum = 0;
        double worldSum = 0;
        for (int i = 0; i < 33; i++) {
            double rx = ref.get(i).get(0).asDouble() * img.width();
            double ry = ref.get(i).get(1).asDouble() * img.height();
            x0 = Math.min(x0, rx);
            y0 = Math.min(y0, ry);
            x1 = Math.max(x1, rx);
            y1 = Math.max(y1, ry);
            Landmark l = p.landmarks().get(i);
            sum += Math.hypot(l.x() * img.width() - rx, l.y() * img.height() - ry);
            Landmark w = p.worldLandmarks().get(i);
            JsonNode rw = refWorld.get(i);
            worldSum += Math.sqrt(Math.pow(w.x() - rw.get(0).asDouble(), 2) + Math.pow(w.y() - rw.get(1).asDouble(), 2)
                    + Math.pow(w.z() - rw.get(2).asDouble(), 2));
        }
        double side = Math.max(x1 - x0, y1 - y0);
        double rel = sum / 33 / side;
        double world = worldSum / 33;
        System.out.printf(Locale.ROOT, "parity %s: mean %.2f px = %.2f%% of %.0f px; world mean %.3f m%n",
                name, sum / 33, rel * 100, side, world);
        return new double[] {rel, world};
    }

    @Test
    void messiMatchesMediaPipe() throws Exception {
        double[] r = compare("opencv_messi5.jpg");
        assertThat(r[0]).isLessThanOrEqualTo(0.02);
        assertThat(r[1]).isLessThan(0.08);
    }

    @Test
    void basketball1MatchesMediaPipe() throws Exception {
        double[] r = compare("opencv_basketball1.png");
        assertThat(r[0]).isLessThanOrEqualTo(0.02);
        assertThat(r[1]).isLessThan(0.08);
    }

    @Test
    void basketball2MatchesMediaPipe() throws Exception {
        double[] r = compare("opencv_basketball2.png");
        assertThat(r[0]).isLessThanOrEqualTo(0.02);
        assertThat(r[1]).isLessThan(0.08);
    }

    @Test
    void visibilityAgreesOnClearlyVisibleAndHiddenLandmarks() throws Exception {
        RgbImage img = image("opencv_messi5.jpg");
        JsonNode ref = frame("opencv_messi5.jpg").get("landmarks");
        PersonPose p = estimator.estimateImage(img).get(0);
        int agree = 0;
        int decided = 0;
        for (int i = 0; i < 33; i++) {
            double rv = ref.get(i).get(3).asDouble();
            if (rv > 0.8 || rv < 0.2) {
                decided++;
                if ((p.landmarks().get(i).visibility() > 0.5) == (rv > 0.5)) {
                    agree++;
                }
            }
        }
        assertThat(decided).isGreaterThan(10);
        assertThat((double) agree / decided).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void landscapeHasNoPerson() throws Exception {
        assertThat(frame("kphotoalbum_grand_canyon_3.jpg").get("landmarks").isNull()).isTrue();
        assertThat(estimator.estimateImage(image("kphotoalbum_grand_canyon_3.jpg"))).isEmpty();
    }

    /**
     * A dog that MediaPipe's web runtime takes for a person (its reference entry holds a pose): parity means we
     * do too, at the same place. (Before the engine sampled its inputs as MediaPipe's GPU converter does, our
     * landmark pass scored below the presence threshold here and found nobody.) The limit is a regression limit at
     * the measured 3.36 %, not the 2 % of the photos above: this reference ran the networks on WebGL, and MediaPipe's
     * own CPU-inference run of this photo is 3.35 % from it while ours matches that run to 0.00 % (3 December 2026).
     */
    @Test
    void dogThatMediaPipeTakesForAPersonIsFoundAsMediaPipeFindsIt() throws Exception {
        assertThat(frame("kphotoalbum_donna.jpg").get("landmarks").size()).isEqualTo(33);
        double[] r = compare("kphotoalbum_donna.jpg");
        assertThat(r[0]).isLessThanOrEqualTo(0.035);
    }

    @Test
    void multiPersonStillReturnsDistinctPeopleBestFirst() throws Exception {
        try (PoseEstimator multi = new PoseEstimator(PoseModels.resolve(), PoseOptions.defaults().withMaxPeople(3))) {
            List<PersonPose> people = multi.estimateImage(image("opencv_basketball1.png"));
            assertThat(people).isNotEmpty();
            List<float[]> boxes = new ArrayList<>();
            for (PersonPose p : people) {
                assertThat(p.id()).isEqualTo(boxes.size());
                float[] b = p.landmarkBounds();
                assertThat(PoseEstimator.overlapsAny(b, boxes, 0.5f)).isFalse();
                boxes.add(b);
            }
            // the main person is the one the single-person estimator finds
            PersonPose single = estimator.estimateImage(image("opencv_basketball1.png")).get(0);
            assertThat(Math.abs(people.get(0).landmarks().get(0).x() - single.landmarks().get(0).x())).isLessThan(0.01f);
        }
    }
}
