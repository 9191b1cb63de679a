package com.skillmirror.kinematics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-made landmarks whose true angles are known. */
class KinematicsMathTest {

    /** A pose builder: every landmark at (x, y) = (0.5, 0.5), fully visible, unless set. */
    static final class Body {
        final Map<BodyLandmark, float[]> image = new EnumMap<>(BodyLandmark.class);
        final Map<BodyLandmark, float[]> world = new EnumMap<>(BodyLandmark.class);
        final Map<BodyLandmark, Float> visibility = new EnumMap<>(BodyLandmark.class);

        Body at(BodyLandmark b, double x, double y) {
            image.put(b, new float[] {(float) x, (float) y, 0});
            return this;
        }

        Body world(BodyLandmark b, double x, double y, double z) {
            world.put(b, new float[] {(float) x, (float) y, (float) z});
            return this;
        }

        Body hidden(BodyLandmark b) {
            visibility.put(b, 0.1f);
            return this;
        }

        PersonPose pose(int id) {
            List<Landmark> lms = new ArrayList<>();
            List<Landmark> wl = new ArrayList<>();
            for (BodyLandmark b : BodyLandmark.values()) {
                float v = visibility.getOrDefault(b, 0.99f);
                float[] p = image.getOrDefault(b, new float[] {0.5f, 0.5f, 0});
                float[] w = world.getOrDefault(b, new float[] {0, 0, 0});
                lms.add(new Landmark(p[0], p[1], p[2], v, 0.99f));
                wl.add(new Landmark(w[0], w[1], w[2], v, 0.99f));
            }
            return new PersonPose(id, 0.9f, lms, wl, null);
        }
    }

    static PoseSeries series(int width, int height, double fps, List<PersonPose> poses) {
        List<PoseFrame> frames = new ArrayList<>();
        for (int i = 0; i < poses.size(); i++) {
            PersonPose p = poses.get(i);
            frames.add(new PoseFrame(i, Math.round(i * 1000 / fps), p == null ? List.of() : List.of(p)));
        }
        return new PoseSeries("full", fps, width, height, frames);
    }

    @Test
    void rightAngleKneeAndStraightKnee() {
        Body bent = new Body().at(BodyLandmark.LEFT_HIP, 0.5, 0.3).at(BodyLandmark.LEFT_KNEE, 0.5, 0.5)
                .at(BodyLandmark.LEFT_ANKLE, 0.7, 0.5)
                .at(BodyLandmark.RIGHT_HIP, 0.4, 0.3).at(BodyLandmark.RIGHT_KNEE, 0.4, 0.5)
                .at(BodyLandmark.RIGHT_ANKLE, 0.4, 0.7);
        KinematicSeries k = Kinematics.of(series(100, 100, 10, List.of(bent.pose(0))), 0);
        assertThat(k.angle(Angle.LEFT_KNEE_ANGLE)[0]).isCloseTo(90, within(1e-4));
        assertThat(k.angle(Angle.RIGHT_KNEE_ANGLE)[0]).isCloseTo(180, within(1e-4));
        // thigh straight down, shank pointing to the picture's right: +90 from down
        assertThat(k.angle(Angle.LEFT_THIGH_ORIENTATION)[0]).isCloseTo(0, within(1e-4));
        assertThat(k.angle(Angle.LEFT_SHANK_ORIENTATION)[0]).isCloseTo(90, within(1e-4));
    }

    @Test
    void imageAnglesAreMeasuredInPixelsNotNormalisedUnits() {
        // 200x100 frame: hip (100,30) px, knee (100,50), ankle (120,70): a 135 degree knee in pixels
        // (in normalised units the same landmarks would give 153.4 degrees)
        Body b = new Body().at(BodyLandmark.LEFT_HIP, 0.5, 0.3).at(BodyLandmark.LEFT_KNEE, 0.5, 0.5)
                .at(BodyLandmark.LEFT_ANKLE, 0.6, 0.7);
        KinematicSeries k = Kinematics.of(series(200, 100, 10, List.of(b.pose(0))), 0);
        assertThat(k.angle("left_knee_angle")[0]).isCloseTo(135, within(1e-3));
        assertThat(k.angle(Angle.LEFT_SHANK_ORIENTATION)[0]).isCloseTo(45, within(1e-3));
    }

    @Test
    void worldAnglesAreThreeDimensional() {
        // elbow bent 90 degrees with the forearm pointing at the camera (along z): invisible in x-y, true in 3D
        Body b = new Body().world(BodyLandmark.RIGHT_SHOULDER, 0, -0.3, 0).world(BodyLandmark.RIGHT_ELBOW, 0, 0, 0)
                .world(BodyLandmark.RIGHT_WRIST, 0, 0, -0.25);
        KinematicSeries k = Kinematics.of(series(100, 100, 10, List.of(b.pose(0))), 0, Space.WORLD);
        assertThat(k.space()).isEqualTo(Space.WORLD);
        assertThat(k.angle(Angle.RIGHT_ELBOW_ANGLE)[0]).isCloseTo(90, within(1e-3));
        assertThat(k.angle(Angle.RIGHT_UPPER_ARM_ORIENTATION)[0]).isCloseTo(0, within(1e-3));
        // the forearm projects onto the x-y plane as a point: no orientation, a gap rather than 0
        assertThat(k.angle(Angle.RIGHT_FOREARM_ORIENTATION)[0]).isNaN();
    }

    @Test
    void shoulderAngleIsBetweenTrunkAndUpperArm() {
        Body down = new Body().at(BodyLandmark.LEFT_HIP, 0.6, 0.6).at(BodyLandmark.LEFT_SHOULDER, 0.6, 0.3)
                .at(BodyLandmark.LEFT_ELBOW, 0.6, 0.45);
        Body side = new Body().at(BodyLandmark.LEFT_HIP, 0.6, 0.6).at(BodyLandmark.LEFT_SHOULDER, 0.6, 0.3)
                .at(BodyLandmark.LEFT_ELBOW, 0.75, 0.3);
        Body up = new Body().at(BodyLandmark.LEFT_HIP, 0.6, 0.6).at(BodyLandmark.LEFT_SHOULDER, 0.6, 0.3)
                .at(BodyLandmark.LEFT_ELBOW, 0.6, 0.15);
        KinematicSeries k = Kinematics.of(series(100, 100, 10, List.of(down.pose(0), side.pose(0), up.pose(0))), 0);
        assertThat(k.angle(Angle.LEFT_SHOULDER_ANGLE)).containsExactly(new double[] {0, 90, 180}, within(1e-4));
    }

    @Test
    void segmentAnglesFollowTheDocumentedSigns() {
        Body b = new Body()
                // trunk leaning to the picture's right by 45 degrees
                .at(BodyLandmark.LEFT_HIP, 0.5, 0.6).at(BodyLandmark.RIGHT_HIP, 0.4, 0.6)
                .at(BodyLandmark.LEFT_SHOULDER, 0.6, 0.5).at(BodyLandmark.RIGHT_SHOULDER, 0.5, 0.5)
                // left ear higher than the right one by 30 degrees
                .at(BodyLandmark.RIGHT_EAR, 0.5, 0.4).at(BodyLandmark.LEFT_EAR, 0.5 + Math.cos(Math.toRadians(30)) * 0.1,
                        0.4 - Math.sin(Math.toRadians(30)) * 0.1);
        KinematicSeries k = Kinematics.of(series(100, 100, 10, List.of(b.pose(0))), 0);
        assertThat(k.angle(Angle.TRUNK_LEAN)[0]).isCloseTo(45, within(1e-3));
        assertThat(k.angle(Angle.PELVIS_TILT)[0]).isCloseTo(0, within(1e-3));
        assertThat(k.angle(Angle.SHOULDER_TILT)[0]).isCloseTo(0, within(1e-3));
        assertThat(k.angle(Angle.HEAD_TILT)[0]).isCloseTo(30, within(1e-3));
    }

    @Test
    void missingPersonAndHiddenLandmarksAreGapsNotZeros() {
        Body seen = new Body().at(BodyLandmark.LEFT_HIP, 0.5, 0.3).at(BodyLandmark.LEFT_KNEE, 0.5, 0.5)
                .at(BodyLandmark.LEFT_ANKLE, 0.7, 0.5).at(BodyLandmark.LEFT_SHOULDER, 0.5, 0.1);
        Body ankleHidden = new Body().at(BodyLandmark.LEFT_HIP, 0.5, 0.3).at(BodyLandmark.LEFT_KNEE, 0.5, 0.5)
                .at(BodyLandmark.LEFT_ANKLE, 0.7, 0.5).at(BodyLandmark.LEFT_SHOULDER, 0.5, 0.1)
                .hidden(BodyLandmark.LEFT_ANKLE);
        List<PersonPose> poses = new ArrayList<>();
        poses.add(seen.pose(0));
        poses.add(null);
        poses.add(ankleHidden.pose(0));
        poses.add(seen.pose(1)); // someone else
        KinematicSeries k = Kinematics.of(series(100, 100, 10, poses), 0);
        double[] knee = k.angle(Angle.LEFT_KNEE_ANGLE);
        double[] hip = k.angle(Angle.LEFT_HIP_ANGLE);
        assertThat(knee[0]).isCloseTo(90, within(1e-4));
        assertThat(knee[1]).isNaN();
        assertThat(knee[2]).isNaN();
        assertThat(knee[3]).isNaN();
        assertThat(hip[2]).isCloseTo(180, within(1e-4));
        assertThat(k.centreOfMass()[1]).containsOnly(Double.NaN);
        assertThat(k.centreOfMass()[2]).containsOnly(Double.NaN); // the hidden ankle is part of the mass model
        assertThat(k.velocity(Angle.LEFT_KNEE_ANGLE)).containsOnly(Double.NaN); // no two neighbouring values
        assertThat(k.frameIndex()).containsExactly(0, 1, 2, 3);
        assertThat(k.timeMs()).containsExactly(0, 100, 200, 300);
        assertThat(k.valuedCount("left_knee_angle")).isEqualTo(1);
        // a lower threshold accepts the hidden ankle
        assertThat(Kinematics.of(series(100, 100, 10, poses), 0, Space.IMAGE, 0.05).angle(Angle.LEFT_KNEE_ANGLE)[2])
                .isCloseTo(90, within(1e-4));
    }

    @Test
    void aSpinningForearmIsUnwrappedAndItsVelocityIsExact() {
        // the forearm turns at 90 deg/s for three full turns, sampled at 10 fps, with a gap of 5 frames in between
        List<PersonPose> poses = new ArrayList<>();
        int n = 121;
        for (int i = 0; i < n; i++) {
            if (i >= 50 && i < 55) {
                poses.add(null);
                continue;
            }
            double a = Math.toRadians(9.0 * i); // from down, towards +x
            poses.add(new Body().at(BodyLandmark.RIGHT_ELBOW, 0.5, 0.5)
                    .at(BodyLandmark.RIGHT_WRIST, 0.5 + 0.2 * Math.sin(a), 0.5 + 0.2 * Math.cos(a)).pose(0));
        }
        KinematicSeries k = Kinematics.of(series(100, 100, 10, poses), 0);
        double[] forearm = k.angle(Angle.RIGHT_FOREARM_ORIENTATION);
        double[] velocity = k.velocity(Angle.RIGHT_FOREARM_ORIENTATION);
        for (int i = 0; i < n; i++) {
            if (i >= 50 && i < 55) {
                assertThat(forearm[i]).isNaN();
                assertThat(velocity[i]).isNaN();
            } else {
                assertThat(forearm[i]).as("frame %d", i).isCloseTo(9.0 * i, within(1e-3));
                assertThat(velocity[i]).as("frame %d", i).isCloseTo(90.0, within(1e-2));
            }
        }
        assertThat(forearm[n - 1]).isCloseTo(1080, within(1e-3));
    }

    @Test
    void unwrapKeepsTheFirstValueAndRemovesFullTurns() {
        double[] a = {170, -175, Double.NaN, -160, 175, -179};
        Kinematics.unwrap(a);
        assertThat(a).containsExactly(new double[] {170, 185, Double.NaN, 200, 175, 181}, within(1e-9));
    }

    @Test
    void velocityIsTheCentralDifferenceInDegreesPerSecond() {
        double[] a = {0, 10, 30, Double.NaN, 50, 40};
        long[] t = {0, 100, 200, 300, 400, 500};
        assertThat(Derivatives.velocity(a, t)).containsExactly(
                new double[] {100, 150, 200, Double.NaN, -100, -100}, within(1e-9));
    }

    @Test
    void centreOfMassOfASymmetricBodyLiesOnItsAxis() {
        Body b = new Body();
        double[][] pos = {{0.5, 0.1}, {0.5, 0.25}, {0.5, 0.5}, {0.6, 0.4}, {0.62, 0.55}, {0.63, 0.6}, {0.55, 0.7},
                {0.56, 0.85}, {0.58, 0.9}};
        BodyLandmark[][] sides = {
                {BodyLandmark.LEFT_EAR, BodyLandmark.LEFT_SHOULDER, BodyLandmark.LEFT_HIP, BodyLandmark.LEFT_ELBOW,
                        BodyLandmark.LEFT_WRIST, BodyLandmark.LEFT_INDEX, BodyLandmark.LEFT_KNEE,
                        BodyLandmark.LEFT_ANKLE, BodyLandmark.LEFT_FOOT_INDEX}};
        for (int i = 0; i < pos.length; i++) {
            BodyLandmark l = sides[0][i];
            double dx = i < 3 ? 0.05 : pos[i][0] - 0.5;
            b.at(l, 0.5 + dx, pos[i][1]).at(l.mirror(), 0.5 - dx, pos[i][1]);
        }
        double[] com = Kinematics.of(series(100, 100, 10, List.of(b.pose(0))), 0).centreOfMass()[0];
        assertThat(com[0]).isCloseTo(0.5, within(1e-6));
        // below the shoulders and above the knees, a little above the hips for this posture with arms down
        assertThat(com[1]).isBetween(0.25, 0.7);
        double[] world = Kinematics.of(series(100, 100, 10, List.of(b.pose(0))), 0, Space.WORLD).centreOfMass()[0];
        assertThat(world).containsExactly(0, 0, 0); // every world landmark at the origin
    }

    @Test
    void namesAreTheEnumKeys() {
        KinematicSeries k = Kinematics.of(series(100, 100, 10, List.of(new Body().pose(0))), 0);
        assertThat(k.angleNames()).hasSize(Angle.values().length).contains("left_knee_angle", "trunk_lean",
                "head_direction");
        assertThat(Angle.byKey("right_forearm_orientation")).isEqualTo(Angle.RIGHT_FOREARM_ORIENTATION);
        assertThat(Angle.LEFT_KNEE_ANGLE.mirror()).isEqualTo(Angle.RIGHT_KNEE_ANGLE);
        assertThat(BodyLandmark.LEFT_KNEE.index()).isEqualTo(25);
        assertThat(BodyLandmark.RIGHT_FOOT_INDEX.index()).isEqualTo(32);
        assertThat(BodyLandmark.MOUTH_LEFT.mirror()).isEqualTo(BodyLandmark.MOUTH_RIGHT);
        assertThatThrownBy(() -> k.angle("left_knee")).isInstanceOf(IllegalArgumentException.class);
    }
}
