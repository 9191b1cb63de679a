package com.skillmirror.pose.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.kinematics.BodyLandmark;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.kinematics.Skeleton;
import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.pose.RgbImage;
import com.skillmirror.testsupport.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlays rendered on real clips with their real pose series, decoded again and compared with the source
 * pixel by pixel: where a joint was drawn the picture changed, far from every bone and joint it did not (beyond
 * the encoder's own noise).
 */
class OverlayRendererTest {

    /** Pixels at least this far from every drawn bone and joint count as "far away". */
    private static final double FAR_PX = 32;

    @Test
    void overlayVideoHasTheSourceFramesWithSkeletonsDrawnOnlyWherePeopleAre(@TempDir Path dir) throws Exception {
        Path source = TestMedia.file("mecavideo_g1_cyclist.avi");
        PoseSeries tracked = PoseClips.trackClip(source, PoseOptions.defaults().withMaxPeople(3).withDetectEveryNFrames(5));
        // every third frame loses its people: those frames must come out as they went in
        List<PoseFrame> frames = new ArrayList<>();
        for (PoseFrame f : tracked.frames()) {
            frames.add(f.index() % 3 == 1 ? new PoseFrame(f.index(), f.timeMs(), List.of()) : f);
        }
        PoseSeries series = new PoseSeries(tracked.model(), tracked.fps(), tracked.width(), tracked.height(), frames);
        Path mp4 = dir.resolve("out/overlay.mp4");
        List<Integer> progress = new ArrayList<>();
        long t0 = System.nanoTime();
        int written = OverlayRenderer.video(source, series, mp4, progress::add);
        System.out.printf(Locale.ROOT, "overlay video: %d frames %dx%d in %.0f ms%n", written, series.width(),
                series.height(), (System.nanoTime() - t0) / 1e6);

        List<PoseClips.Decoded> in = PoseClips.decode(source, 0, Integer.MAX_VALUE, UnaryOperator.identity());
        List<PoseClips.Decoded> out = PoseClips.decode(mp4, 0, Integer.MAX_VALUE, UnaryOperator.identity());
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(mp4.toFile())) {
            g.start();
            assertThat(g.getVideoCodec()).isEqualTo(avcodec.AV_CODEC_ID_H264);
            assertThat(g.getFormat()).contains("mp4");
            assertThat(g.getFrameRate()).isCloseTo(series.fps(), org.assertj.core.api.Assertions.within(0.01));
        }
        assertThat(written).isEqualTo(in.size());
        assertThat(out).hasSize(in.size());
        assertThat(progress).isSorted().endsWith(100);

        int framesWithPeople = 0;
        for (int i = 0; i < in.size(); i++) {
            RgbImage a = in.get(i).image();
            RgbImage b = out.get(i).image();
            assertThat(b.width()).isEqualTo(a.width());
            assertThat(b.height()).isEqualTo(a.height());
            assertThat(out.get(i).index()).isEqualTo(in.get(i).index());
            PoseFrame pose = frameAt(series, in.get(i).index());
            List<PersonPose> people = pose == null ? List.of() : pose.people();
            Comparison c = compare(a.rgb(), b.rgb(), a.width(), a.height(), people);
            System.out.printf(Locale.ROOT, "frame %d: %d people, joints changed %d/%d (mean diff %.1f), far mean diff %.2f, stroke-like %.5f%n",
                    in.get(i).index(), people.size(), c.changedJoints, c.joints, c.jointDiff, c.farDiff, c.farStrokes);
            // the source is MPEG-4 part 2 and is re-encoded: ~3.5-4 levels of encoder noise on frames with nothing
            // drawn (1 Mbps for 400x300); a skeleton drawn in the wrong place would add tens of levels
            assertThat(c.farDiff).as("frame %d far from the skeletons", i).isLessThan(6.0);
            assertThat(c.farStrokes).as("frame %d far from the skeletons", i).isLessThan(0.001);
            if (!people.isEmpty()) {
                // control: had the skeletons been drawn half a frame away, the same measure would see the strokes
                Comparison misplaced = compare(a.rgb(), b.rgb(), a.width(), a.height(), shifted(people));
                assertThat(misplaced.farStrokes).as("frame %d, shifted skeleton", i).isGreaterThan(0.002);
                framesWithPeople++;
                assertThat(c.changedJoints).as("frame %d joints", i).isGreaterThanOrEqualTo((int) Math.ceil(c.joints * 0.9));
                assertThat(c.jointDiff).isGreaterThan(40);
            }
        }
        assertThat(framesWithPeople).isGreaterThan(in.size() / 3);
        keep(mp4);
    }

    @Test
    void keyFrameIsAJpegOfThatFrameWithItsSkeleton(@TempDir Path dir) throws Exception {
        Path video = TestMedia.file("forensics_movie-hello_talking_head.mp4");
        // this clip starts at 33 ms: its first frame has index 1, which the key frame must honour
        List<PoseClips.Decoded> decoded = PoseClips.decode(video, 0, 60, UnaryOperator.identity());
        PoseSeries series = PoseClips.track(decoded, 30, PoseOptions.defaults());
        KinematicSeries k = Kinematics.of(series, 0);
        List<KeyFrames.KeyFrame> picks = KeyFrames.extremes(k, "shoulder_tilt");
        assertThat(picks).hasSize(2);
        for (KeyFrames.KeyFrame pick : picks) {
            Path jpeg = dir.resolve("key-" + pick.kind() + ".jpg");
            OverlayRenderer.keyFrame(video, series, pick.frameIndex(), jpeg);
            BufferedImage img = ImageIO.read(jpeg.toFile());
            assertThat(img).isNotNull();
            PoseClips.Decoded src = decoded.stream().filter(d -> d.index() == pick.frameIndex()).findFirst().orElseThrow();
            assertThat(img.getWidth()).isEqualTo(src.image().width());
            assertThat(img.getHeight()).isEqualTo(src.image().height());
            Comparison c = compare(src.image().rgb(), rgb(img), img.getWidth(), img.getHeight(),
                    frameAt(series, pick.frameIndex()).people());
            System.out.printf(Locale.ROOT, "key frame %s at %d (%.1f deg): joints changed %d/%d (mean diff %.1f), far mean diff %.2f, stroke-like %.5f%n",
                    pick.kind(), pick.frameIndex(), pick.value(), c.changedJoints, c.joints, c.jointDiff, c.farDiff,
                    c.farStrokes);
            assertThat(c.joints).isGreaterThan(10);
            assertThat(c.changedJoints).isGreaterThanOrEqualTo((int) Math.ceil(c.joints * 0.9));
            assertThat(c.farDiff).isLessThan(3.0);
            assertThat(c.farStrokes).isLessThan(0.001);
            keep(jpeg);
        }
        assertThatThrownBy(() -> OverlayRenderer.keyFrame(video, series, 100_000, dir.resolve("none.jpg")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyFrameOfAFrameWithoutPeopleIsTheFrameItself(@TempDir Path dir) throws Exception {
        Path video = TestMedia.file("mecavideo_g1_cyclist.avi");
        List<PoseClips.Decoded> decoded = PoseClips.decode(video, 0, 16, UnaryOperator.identity());
        PoseSeries empty = new PoseSeries("full", 25, 400, 300, List.of());
        for (int index : new int[] {0, 7, decoded.get(decoded.size() - 1).index()}) {
            Path jpeg = dir.resolve("plain-" + index + ".jpg");
            OverlayRenderer.keyFrame(video, empty, index, jpeg);
            BufferedImage img = ImageIO.read(jpeg.toFile());
            byte[] src = decoded.stream().filter(d -> d.index() == index).findFirst().orElseThrow().image().rgb();
            double same = meanDiff(src, rgb(img));
            // and it is that frame, not a neighbour: the cyclist moves between frames
            byte[] other = decoded.get(index == 0 ? 5 : index - 5).image().rgb();
            System.out.printf(Locale.ROOT, "plain key frame %d: diff to itself %.2f, to a frame 5 away %.2f%n", index,
                    same, meanDiff(other, rgb(img)));
            assertThat(same).isLessThan(3.0);
            assertThat(meanDiff(other, rgb(img))).isGreaterThan(same);
        }
    }

    @Test
    void turningPointsAlternateAndAreLocalExtremes() throws Exception {
        List<PoseClips.Decoded> frames = PoseClips.vtestWalker(TestMedia.file("opencv_vtest_pedestrians.avi"), 80);
        KinematicSeries k = Kinematics.of(PoseClips.track(frames, 10, PoseOptions.defaults()), 0);
        double swing = 15;
        List<KeyFrames.KeyFrame> turns = KeyFrames.turningPoints(k, "right_knee_angle", swing);
        System.out.println("walker right knee turning points: " + turns);
        assertThat(turns.size()).as("a walker bends each knee every stride").isGreaterThanOrEqualTo(4);
        double[] v = k.angle("right_knee_angle");
        int[] idx = k.frameIndex();
        for (int t = 0; t < turns.size(); t++) {
            KeyFrames.KeyFrame cur = turns.get(t);
            if (t > 0) {
                KeyFrames.KeyFrame prev = turns.get(t - 1);
                assertThat(cur.kind()).isNotEqualTo(prev.kind());
                assertThat(cur.frameIndex()).isGreaterThan(prev.frameIndex());
                assertThat(Math.abs(cur.value() - prev.value())).isGreaterThanOrEqualTo(swing);
                // nothing between two turning points goes beyond either of them
                for (int i = 0; i < v.length; i++) {
                    if (idx[i] > prev.frameIndex() && idx[i] < cur.frameIndex() && !Double.isNaN(v[i])) {
                        assertThat(v[i]).isBetween(Math.min(prev.value(), cur.value()), Math.max(prev.value(), cur.value()));
                    }
                }
            }
        }
        List<KeyFrames.KeyFrame> ext = KeyFrames.extremes(k, "right_knee_angle");
        assertThat(ext.get(0).value()).isLessThanOrEqualTo(turns.stream().mapToDouble(KeyFrames.KeyFrame::value).min().orElseThrow());
        assertThat(ext.get(1).value()).isGreaterThanOrEqualTo(turns.stream().mapToDouble(KeyFrames.KeyFrame::value).max().orElseThrow());
        assertThat(KeyFrames.turningPoints(k, "right_knee_angle", 1000)).isEmpty();
    }

    @Test
    void skeletonHasMediaPipesThirtyFiveBones() {
        assertThat(Skeleton.BONES).hasSize(35).doesNotHaveDuplicates();
        assertThat(Skeleton.BONES.stream().filter(b -> b.side() == Skeleton.Side.LEFT).count())
                .isEqualTo(Skeleton.BONES.stream().filter(b -> b.side() == Skeleton.Side.RIGHT).count());
    }

    /** The people moved half the frame width sideways (towards the side with more room). */
    private static List<PersonPose> shifted(List<PersonPose> people) {
        List<PersonPose> out = new ArrayList<>();
        for (PersonPose p : people) {
            float[] bounds = p.landmarkBounds();
            float dx = (bounds[0] + bounds[2]) / 2 < 0.5f ? 0.5f : -0.5f;
            List<Landmark> l = new ArrayList<>();
            p.landmarks().forEach(a -> l.add(new Landmark(a.x() + dx, a.y(), a.z(), a.visibility(), a.presence())));
            out.add(new PersonPose(p.id(), p.score(), l, p.worldLandmarks(), p.box()));
        }
        return out;
    }

    /** With SKILLMIRROR_KEEP_OVERLAYS=dir, rendered files are copied there for a person to look at. */
    private static void keep(Path file) throws java.io.IOException {
        String dir = System.getenv("SKILLMIRROR_KEEP_OVERLAYS");
        if (dir != null) {
            java.nio.file.Files.createDirectories(Path.of(dir));
            java.nio.file.Files.copy(file, Path.of(dir).resolve(file.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ------------------------------------------------------------------ pixel comparison

    /**
     * @param farDiff mean absolute difference per channel over the far pixels
     * @param farStrokes fraction of far pixels changed as much as a drawn stroke changes them (channel sum above
     *     {@link #STROKE_DIFF}): encoder noise rarely does, a bone drawn in the wrong place always does
     */
    record Comparison(int joints, int changedJoints, double jointDiff, double farDiff, double farStrokes) {
    }

    private static final double STROKE_DIFF = 150;

    /**
     * Joints: landmarks drawn solid (visibility at least the kinematics' threshold) inside the frame, compared on
     * their centre pixel; far: every pixel at least {@link #FAR_PX} from every drawn bone and joint.
     */
    static Comparison compare(byte[] src, byte[] out, int w, int h, List<PersonPose> people) {
        int joints = 0;
        int changed = 0;
        double jointSum = 0;
        for (PersonPose p : people) {
            for (BodyLandmark b : BodyLandmark.values()) {
                Landmark l = p.landmarks().get(b.index());
                int x = Math.round(l.x() * w - 0.5f);
                int y = Math.round(l.y() * h - 0.5f);
                if (l.visibility() < Kinematics.DEFAULT_MIN_VISIBILITY || x < 0 || y < 0 || x >= w || y >= h) {
                    continue;
                }
                double d = pixelDiff(src, out, (y * w + x) * 3);
                joints++;
                jointSum += d;
                if (d > 40) {
                    changed++;
                }
            }
        }
        double farSum = 0;
        long far = 0;
        long strokes = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (nearSkeleton(x + 0.5, y + 0.5, w, h, people)) {
                    continue;
                }
                double d = pixelDiff(src, out, (y * w + x) * 3);
                farSum += d / 3;
                far++;
                if (d > STROKE_DIFF) {
                    strokes++;
                }
            }
        }
        return new Comparison(joints, changed, joints == 0 ? 0 : jointSum / joints, far == 0 ? 0 : farSum / far,
                far == 0 ? 0 : (double) strokes / far);
    }

    private static boolean nearSkeleton(double px, double py, int w, int h, List<PersonPose> people) {
        for (PersonPose p : people) {
            List<Landmark> l = p.landmarks();
            for (Skeleton.Bone bone : Skeleton.BONES) {
                Landmark a = l.get(bone.from().index());
                Landmark b = l.get(bone.to().index());
                if (segmentDistance(px, py, a.x() * w, a.y() * h, b.x() * w, b.y() * h) < FAR_PX) {
                    return true;
                }
            }
            for (Landmark a : l) {
                if (Math.hypot(px - a.x() * w, py - a.y() * h) < FAR_PX) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
    }

    /** Sum of absolute channel differences at one pixel. */
    private static double pixelDiff(byte[] a, byte[] b, int o) {
        return Math.abs((a[o] & 255) - (b[o] & 255)) + Math.abs((a[o + 1] & 255) - (b[o + 1] & 255))
                + Math.abs((a[o + 2] & 255) - (b[o + 2] & 255));
    }

    private static double meanDiff(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 255) - (b[i] & 255));
        }
        return sum / a.length;
    }

    private static byte[] rgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            out[i * 3] = (byte) (argb[i] >> 16);
            out[i * 3 + 1] = (byte) (argb[i] >> 8);
            out[i * 3 + 2] = (byte) argb[i];
        }
        return out;
    }

    private static PoseFrame frameAt(PoseSeries series, int index) {
        return series.frames().stream().filter(f -> f.index() == index).findFirst().orElse(null);
    }
}
