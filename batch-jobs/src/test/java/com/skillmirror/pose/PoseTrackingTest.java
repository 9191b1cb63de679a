package com.skillmirror.pose;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.pose.VideoClips.TimedImage;
import com.skillmirror.testsupport.TestMedia;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Video tracking on real footage: the vtest pedestrian walker (OpenCV sample), and the mecavideo cyclist. */
class PoseTrackingTest {

    private static List<TimedImage> walker;
    private static PoseModels models;

    @BeforeAll
    static void setUp() throws Exception {
        models = PoseModels.resolve();
        walker = VideoClips.vtestWalker(TestMedia.file("opencv_vtest_pedestrians.avi"), 120);
        assertThat(walker).hasSizeGreaterThanOrEqualTo(100);
        assertThat(walker.get(0).image().width()).isEqualTo(960);
        assertThat(walker.get(0).image().height()).isEqualTo(640);
    }

    @AfterAll
    static void tearDown() {
        walker = null;
    }

    private static List<List<PersonPose>> track(PoseOptions options, List<TimedImage> frames) {
        List<List<PersonPose>> out = new ArrayList<>();
        try (PoseEstimator estimator = new PoseEstimator(models, options)) {
            PoseTracker tracker = estimator.tracker();
            for (TimedImage f : frames) {
                out.add(tracker.next(f.image(), f.timeMs()));
            }
            System.out.println("tracking " + options.model() + " smoothing=" + options.smoothing() + ": "
                    + estimator.timings());
            assertThat(estimator.timings().frames()).isEqualTo(frames.size());
        }
        return out;
    }

    @Test
    void walkerIsTrackedInEveryFrameWithOneStableId() {
        List<List<PersonPose>> poses = track(PoseOptions.defaults(), walker);
        for (int i = 0; i < poses.size(); i++) {
            assertThat(poses.get(i)).as("frame %d", i).hasSize(1);
            PersonPose p = poses.get(i).get(0);
            assertThat(p.id()).isZero();
            assertThat(p.score()).isGreaterThanOrEqualTo(0.5f);
            // a standing/walking person: shoulders above hips above ankles
            float shoulders = (p.landmarks().get(11).y() + p.landmarks().get(12).y()) / 2;
            float hips = (p.landmarks().get(23).y() + p.landmarks().get(24).y()) / 2;
            float ankles = (p.landmarks().get(27).y() + p.landmarks().get(28).y()) / 2;
            assertThat(shoulders).as("frame %d", i).isLessThan(hips);
            assertThat(hips).as("frame %d", i).isLessThan(ankles);
        }
    }

    @Test
    void trackingUsesTheDetectorRarely() {
        try (PoseEstimator estimator = new PoseEstimator(models, PoseOptions.defaults())) {
            PoseTracker tracker = estimator.tracker();
            for (TimedImage f : walker) {
                tracker.next(f.image(), f.timeMs());
            }
            assertThat(estimator.timings().detectorRuns()).isLessThan(walker.size() / 10);
            assertThat(estimator.timings().landmarkRuns()).isGreaterThanOrEqualTo(walker.size());
        }
    }

    @Test
    void smoothingReducesJitter() {
        List<List<PersonPose>> raw = track(PoseOptions.defaults().withSmoothing(false), walker);
        List<List<PersonPose>> smooth = track(PoseOptions.defaults().withSmoothing(true), walker);
        double rawJitter = jitter(raw);
        double smoothJitter = jitter(smooth);
        System.out.printf(Locale.ROOT, "jitter (mean |2nd difference| of landmarks, px): raw %.3f, smoothed %.3f%n",
                rawJitter, smoothJitter);
        assertThat(smoothJitter).isLessThan(rawJitter * 0.8);
        // smoothing must not drag the skeleton away from the person: mean offset below 3% of the frame height
        double offset = 0;
        int n = 0;
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).isEmpty() || smooth.get(i).isEmpty()) {
                continue;
            }
            for (int k = 0; k < 33; k++) {
                Landmark a = raw.get(i).get(0).landmarks().get(k);
                Landmark b = smooth.get(i).get(0).landmarks().get(k);
                offset += Math.hypot((a.x() - b.x()) * 960, (a.y() - b.y()) * 640);
                n++;
            }
        }
        assertThat(offset / n).isLessThan(0.03 * 640);
    }

    /** Mean magnitude of the second difference of the 33 landmark positions over consecutive tracked frames. */
    private static double jitter(List<List<PersonPose>> poses) {
        double sum = 0;
        int n = 0;
        for (int i = 2; i < poses.size(); i++) {
            if (poses.get(i).isEmpty() || poses.get(i - 1).isEmpty() || poses.get(i - 2).isEmpty()) {
                continue;
            }
            for (int k = 0; k < 33; k++) {
                Landmark a = poses.get(i - 2).get(0).landmarks().get(k);
                Landmark b = poses.get(i - 1).get(0).landmarks().get(k);
                Landmark c = poses.get(i).get(0).landmarks().get(k);
                double ddx = (c.x() - 2 * b.x() + a.x()) * 960;
                double ddy = (c.y() - 2 * b.y() + a.y()) * 640;
                sum += Math.hypot(ddx, ddy);
                n++;
            }
        }
        return sum / Math.max(1, n);
    }

    @Test
    void multiPersonTrackingKeepsIdsStable() throws Exception {
        List<TimedImage> cyclist = VideoClips.read(TestMedia.file("mecavideo_g1_cyclist.avi"), 0, 100, 0, 0, 0, 0,
                0, 0);
        assertThat(cyclist).isNotEmpty();
        List<List<PersonPose>> poses = track(PoseOptions.defaults().withMaxPeople(3).withDetectEveryNFrames(5), cyclist);
        int withPeople = 0;
        for (int i = 0; i < poses.size(); i++) {
            List<PersonPose> frame = poses.get(i);
            assertThat(frame.size()).isLessThanOrEqualTo(3);
            assertThat(frame.stream().map(PersonPose::id).distinct().count()).isEqualTo(frame.size());
            if (!frame.isEmpty()) {
                withPeople++;
            }
        }
        assertThat(withPeople).isGreaterThan(poses.size() / 2);
        // an id, once given, stays on the same person: consecutive boxes of one id overlap
        for (int i = 1; i < poses.size(); i++) {
            for (PersonPose p : poses.get(i)) {
                for (PersonPose q : poses.get(i - 1)) {
                    if (p.id() == q.id()) {
                        float[] a = p.landmarkBounds();
                        float[] b = q.landmarkBounds();
                        assertThat(Detection.iou(a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3]))
                                .as("id %d frames %d-%d", p.id(), i - 1, i).isGreaterThan(0.3f);
                    }
                }
            }
        }
        int main = PoseEstimator.mainPerson(poses);
        assertThat(main).isGreaterThanOrEqualTo(0);
    }

    @Test
    void framesMustMoveForward() {
        try (PoseEstimator estimator = new PoseEstimator(models, PoseOptions.defaults())) {
            PoseTracker tracker = estimator.tracker();
            tracker.next(walker.get(0).image(), 100);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracker.next(walker.get(1).image(), 100))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
