package com.skillmirror.kinematics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.pose.RgbImage;
import com.skillmirror.testsupport.TestMedia;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kinematics of real pose series: the vtest pedestrian (10 fps, walking, with a stretch of frames blacked out, a
 * camera dropout, so the tracker really loses him), the mecavideo cyclist clip, the talking head, and photos.
 * (A landscape photo pasted over the frames is not enough: the tracker keeps "finding" a body in the canyon for
 * a few frames, as MediaPipe's tracking does.)
 */
class KinematicsOnRealClipsTest {

    /** Frames [GAP_FROM, GAP_TO) of the walker clip are blacked out. */
    private static final int GAP_FROM = 30;
    private static final int GAP_TO = 38;

    private static PoseSeries walker;

    @BeforeAll
    static void trackWalker() throws Exception {
        RgbImage black = new RgbImage(960, 640, new byte[960 * 640 * 3]);
        List<PoseClips.Decoded> frames = new ArrayList<>(
                PoseClips.vtestWalker(TestMedia.file("opencv_vtest_pedestrians.avi"), 80));
        for (int i = GAP_FROM; i < GAP_TO; i++) {
            PoseClips.Decoded d = frames.get(i);
            frames.set(i, new PoseClips.Decoded(d.index(), d.timeMs(), black));
        }
        walker = PoseClips.track(frames, 10, PoseOptions.defaults());
        assertThat(walker.frames()).hasSize(80);
    }

    @Test
    void walkerAnglesAreInRangeContinuousAndGappedWhereHeIsMissing() {
        for (Space space : Space.values()) {
            KinematicSeries k = Kinematics.of(walker, 0, space);
            assertThat(k.size()).isEqualTo(80);
            for (Angle a : Angle.values()) {
                double[] v = k.angle(a);
                for (int i = GAP_FROM; i < GAP_TO; i++) {
                    assertThat(v[i]).as("%s %s frame %d (nobody there)", space, a, i).isNaN();
                }
                if (a.kind() == Angle.Kind.JOINT) {
                    assertThat(Arrays.stream(v).filter(d -> !Double.isNaN(d))).as("%s %s", space, a)
                            .allMatch(d -> d >= 0 && d <= 180);
                    continue; // joint angles cannot wrap; the ankle of a 10-pixel foot is too noisy for a bound
                }
                if (a == Angle.HEAD_DIRECTION) {
                    continue; // he walks towards the camera: ear centre to nose is a few pixels of noise
                }
                // continuity: a walker's segments move by far less than 90 degrees in 0.1 s; before unwrapping,
                // a segment near +-180 (the pelvis line when he turns away) would jump by ~360
                for (int i = 1; i < v.length; i++) {
                    if (!Double.isNaN(v[i]) && !Double.isNaN(v[i - 1])) {
                        assertThat(Math.abs(v[i] - v[i - 1])).as("%s %s frames %d-%d", space, a, i - 1, i)
                                .isLessThan(90);
                    }
                }
            }
            // he is walking, not hiding: the legs have values in most frames he is tracked in
            long tracked = walker.frames().stream().filter(f -> f.person(0) != null).count();
            assertThat(tracked).isGreaterThanOrEqualTo(80 - (GAP_TO - GAP_FROM) - 2);
            assertThat(k.valuedCount("left_knee_angle")).isGreaterThan(tracked / 2);
            double[][] com = k.centreOfMass();
            for (int i = GAP_FROM; i < GAP_TO; i++) {
                assertThat(com[i]).containsOnly(Double.NaN);
            }
        }
    }

    @Test
    void walkerStandsUpright() {
        KinematicSeries k = Kinematics.of(walker, 0);
        for (Angle knee : List.of(Angle.LEFT_KNEE_ANGLE, Angle.RIGHT_KNEE_ANGLE)) {
            double[] v = valued(k.angle(knee));
            double max = Arrays.stream(v).max().orElseThrow();
            double median = median(v);
            System.out.printf(Locale.ROOT, "walker %s: median %.1f, max %.1f, min %.1f over %d frames%n", knee.key(),
                    median, max, Arrays.stream(v).min().orElseThrow(), v.length);
            // the stance leg straightens at every step (near 180), and a walking knee is mostly nearly straight
            assertThat(max).isGreaterThan(170);
            assertThat(median).isGreaterThan(150);
        }
        double trunk = median(valued(k.angle(Angle.TRUNK_LEAN)));
        double hips = median(valued(k.angle(Angle.LEFT_HIP_ANGLE)));
        System.out.printf(Locale.ROOT, "walker trunk lean median %.1f, left hip angle median %.1f%n", trunk, hips);
        assertThat(Math.abs(trunk)).isLessThan(20);
        assertThat(hips).isGreaterThan(150);
        // the image centre of mass lies between shoulders and ankles, near the hips
        double[][] com = k.centreOfMass();
        int checked = 0;
        for (int i = 0; i < com.length; i++) {
            PersonPose p = walker.frames().get(i).person(0);
            if (p == null || Double.isNaN(com[i][1])) {
                continue;
            }
            double shoulders = (p.landmarks().get(11).y() + p.landmarks().get(12).y()) / 2;
            double ankles = (p.landmarks().get(27).y() + p.landmarks().get(28).y()) / 2;
            assertThat(com[i][1]).as("frame %d", i).isBetween(shoulders, ankles);
            checked++;
        }
        // his ankles are only ~50 % visible in the first 3 s (blurred feet at the bottom of the crop)
        assertThat(checked).isGreaterThan(10);
        // world: metres around the hip centre, the CoM a few centimetres from it and above the ankles
        double[][] world = Kinematics.of(walker, 0, Space.WORLD).centreOfMass();
        double[] distances = Arrays.stream(world).filter(c -> !Double.isNaN(c[0]))
                .mapToDouble(c -> Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2])).toArray();
        System.out.printf(Locale.ROOT, "walker world CoM: %d frames, distance from the hip centre median %.3f m, max %.3f m%n",
                distances.length, median(distances), Arrays.stream(distances).max().orElse(Double.NaN));
        assertThat(distances.length).isGreaterThan(10);
        assertThat(Arrays.stream(distances).max().orElseThrow()).isLessThan(0.25);
        // above the hips (world y grows downwards), as for anyone upright
        assertThat(Arrays.stream(world).filter(c -> !Double.isNaN(c[1]))).allMatch(c -> c[1] < 0);
    }

    @Test
    void mirroringTheSeriesSwapsSidesAndNegatesSegmentAngles() {
        PoseSeries mirrored = PoseClips.mirror(walker);
        for (Space space : Space.values()) {
            KinematicSeries k = Kinematics.of(walker, 0, space);
            KinematicSeries m = Kinematics.of(mirrored, 0, space);
            for (Angle a : Angle.values()) {
                double[] original = k.angle(a);
                double[] swapped = m.angle(a.mirror());
                for (int i = 0; i < original.length; i++) {
                    if (Double.isNaN(original[i])) {
                        assertThat(swapped[i]).isNaN();
                        continue;
                    }
                    if (a.kind() == Angle.Kind.JOINT) {
                        // 1e-2: mirrored float coordinates (1 - x) round differently on short segments like the foot
                        assertThat(swapped[i]).as("%s %s frame %d", space, a, i).isCloseTo(original[i], within(1e-2));
                    } else {
                        // the same up to whole turns: unwrapping may start on the other side of +-180
                        double d = swapped[i] + original[i];
                        assertThat(d - 360 * Math.round(d / 360)).as("%s %s frame %d", space, a, i)
                                .isCloseTo(0, within(1e-2));
                    }
                }
            }
            double[][] c = k.centreOfMass();
            double[][] cm = m.centreOfMass();
            double axis = space == Space.IMAGE ? 1 : 0;
            for (int i = 0; i < c.length; i++) {
                if (!Double.isNaN(c[i][0])) {
                    assertThat(cm[i][0]).isCloseTo(axis - c[i][0], within(1e-5));
                    assertThat(cm[i][1]).isCloseTo(c[i][1], within(1e-5));
                }
            }
        }
    }

    @Test
    void velocitiesAreFiniteDifferencesOfTheAngles() {
        KinematicSeries k = Kinematics.of(walker, 0, Space.WORLD);
        long[] t = k.timeMs();
        int compared = 0;
        for (Angle a : Angle.values()) {
            double[] v = k.angle(a);
            double[] w = k.velocity(a);
            for (int i = 1; i + 1 < v.length; i++) {
                if (Double.isNaN(v[i - 1]) || Double.isNaN(v[i]) || Double.isNaN(v[i + 1])) {
                    continue;
                }
                // the mean of the backward and forward differences equals the central one on a uniform grid
                double backward = (v[i] - v[i - 1]) / ((t[i] - t[i - 1]) / 1000.0);
                double forward = (v[i + 1] - v[i]) / ((t[i + 1] - t[i]) / 1000.0);
                assertThat(w[i]).as("%s frame %d", a, i).isCloseTo((backward + forward) / 2, within(1e-6));
                compared++;
            }
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    assertThat(w[i]).isNaN();
                }
            }
            // no velocity spans the dropout: the frame after it is one-sided
            assertThat(v[GAP_TO - 1]).isNaN();
            if (!Double.isNaN(v[GAP_TO]) && !Double.isNaN(v[GAP_TO + 1])) {
                assertThat(w[GAP_TO]).isCloseTo((v[GAP_TO + 1] - v[GAP_TO]) * 10, within(1e-6));
            }
        }
        assertThat(compared).isGreaterThan(500);
    }

    @Test
    void talkingHeadHasHeadAndShoulderAnglesButNoLegs() throws Exception {
        List<PoseClips.Decoded> frames = PoseClips.decode(TestMedia.file("forensics_movie-hello_talking_head.mp4"), 0,
                90, UnaryOperator.identity());
        PoseSeries head = PoseClips.track(frames, 30, PoseOptions.defaults());
        KinematicSeries k = Kinematics.of(head, 0);
        long tracked = head.frames().stream().filter(f -> f.person(0) != null).count();
        // MediaPipe's own runtime with CPU inference finds him from frame 46 on (43 of these 90 frames; 23 with WebGL
        // inference; measured 3 December 2026), and so does the engine since it samples its inputs as MediaPipe does
        assertThat(tracked).isGreaterThanOrEqualTo(40);
        // his legs are below the webcam inset; BlazePose still places them (on his chest) and often calls them
        // 50-70 % visible, so the rule is checked as stated: a knee angle exists exactly where hip, knee and ankle
        // all reach the threshold
        for (int i = 0; i < head.frames().size(); i++) {
            PersonPose p = head.frames().get(i).person(0);
            boolean visible = p != null && Angle.LEFT_KNEE_ANGLE.landmarks().stream()
                    .allMatch(b -> p.landmarks().get(b.index()).visibility() >= Kinematics.DEFAULT_MIN_VISIBILITY);
            assertThat(Double.isNaN(k.angle(Angle.LEFT_KNEE_ANGLE)[i])).as("frame %d", i).isEqualTo(!visible);
        }
        assertThat(k.valuedCount("shoulder_tilt")).isGreaterThan(tracked * 3 / 4);
        assertThat(k.valuedCount("head_tilt")).isGreaterThan(tracked * 3 / 4);
        // series are unwrapped from their first value: an isolated frame with left and right swapped at the start
        // (frame 46, where MediaPipe too first finds him) shifts the rest by 360, so the medians are compared as
        // directions in (-180, 180]
        double shoulders = Math.IEEEremainder(median(valued(k.angle(Angle.SHOULDER_TILT))), 360);
        double ears = Math.IEEEremainder(median(valued(k.angle(Angle.HEAD_TILT))), 360);
        System.out.printf(Locale.ROOT, "talking head: shoulder tilt median %.1f, head tilt median %.1f, knee values %d/%d%n",
                shoulders, ears, k.valuedCount("left_knee_angle"), tracked);
        // facing the camera, upright: the lines across shoulders and ears are close to horizontal (shoulders 15.1
        // on the 43 frames MediaPipe finds him in, measured 3 December 2026: the limit was 15 when the engine also
        // tracked him in earlier frames where MediaPipe finds nobody)
        assertThat(Math.abs(shoulders)).isLessThan(20);
        assertThat(Math.abs(ears)).isLessThan(20);
    }

    @Test
    void cyclistClipGivesOneSeriesPerPerson() throws Exception {
        PoseSeries clip = PoseClips.trackClip(TestMedia.file("mecavideo_g1_cyclist.avi"),
                PoseOptions.defaults().withMaxPeople(3).withDetectEveryNFrames(5));
        assertThat(clip.personIds()).isNotEmpty();
        for (int id : clip.personIds()) {
            KinematicSeries k = Kinematics.of(clip, id, Space.IMAGE);
            for (int i = 0; i < k.size(); i++) {
                PoseFrame f = clip.frames().get(i);
                if (f.person(id) == null) {
                    for (Angle a : Angle.values()) {
                        assertThat(k.angle(a)[i]).isNaN();
                    }
                }
            }
            for (Angle a : Angle.values()) {
                if (a.kind() == Angle.Kind.JOINT) {
                    assertThat(Arrays.stream(k.angle(a)).filter(d -> !Double.isNaN(d))).allMatch(d -> d >= 0 && d <= 180);
                }
            }
        }
    }

    @Test
    void photosGiveOneFrameOfAngles() throws Exception {
        PoseSeries messi = PoseClips.image(TestMedia.file("opencv_messi5.jpg"), PoseOptions.defaults());
        assertThat(messi.frames().get(0).people()).isNotEmpty();
        KinematicSeries k = Kinematics.of(messi, 0);
        assertThat(k.size()).isEqualTo(1);
        System.out.println("messi5: " + describe(k));
        assertThat(k.valuedCount("trunk_lean")).isEqualTo(1);
        for (Angle a : Angle.values()) {
            double v = k.angle(a)[0];
            if (a.kind() == Angle.Kind.JOINT && !Double.isNaN(v)) {
                assertThat(v).isBetween(0.0, 180.0);
            }
            if (a.kind() == Angle.Kind.SEGMENT && !Double.isNaN(v)) {
                assertThat(v).isBetween(-180.0, 180.0);
            }
            assertThat(k.velocity(a)[0]).isNaN(); // one frame: no rate of change
        }
        PoseSeries landscape = PoseClips.image(TestMedia.file("kphotoalbum_grand_canyon_3.jpg"), PoseOptions.defaults());
        KinematicSeries empty = Kinematics.of(landscape, 0);
        for (Angle a : Angle.values()) {
            assertThat(empty.angle(a)[0]).isNaN();
        }
    }

    private static String describe(KinematicSeries k) {
        StringBuilder sb = new StringBuilder();
        for (String name : k.angleNames()) {
            sb.append(String.format(Locale.ROOT, "%s=%.1f ", name, k.angle(name)[0]));
        }
        return sb.toString();
    }

    static double[] valued(double[] v) {
        return Arrays.stream(v).filter(d -> !Double.isNaN(d)).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }
}
