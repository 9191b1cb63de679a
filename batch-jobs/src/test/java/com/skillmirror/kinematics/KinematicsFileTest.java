package com.skillmirror.kinematics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stored kinematics of every person of a clip (two people squatting, one leaving the frame for a while, a hand
 * hidden now and then) read back exactly: what a later stage loads is what {@link Kinematics#of} computed.
 */
class KinematicsFileTest {

    @Test
    void everyPersonsAnglesTimesAndCentreOfMassReadBackExactly() throws IOException {
        PoseSeries clip = twoPeople();
        List<KinematicSeries> people = new ArrayList<>();
        for (int id : clip.personIds()) {
            people.add(Kinematics.of(clip, id));
        }
        assertThat(people).hasSize(2);
        assertThat(people.get(1).valuedCount("left_knee_angle")).isLessThan(people.get(1).size());

        List<KinematicSeries> read = KinematicsFile.read(KinematicsFile.write(people));

        assertThat(read).hasSameSizeAs(people);
        for (int i = 0; i < people.size(); i++) {
            KinematicSeries a = people.get(i);
            KinematicSeries b = read.get(i);
            assertThat(b.personId()).isEqualTo(a.personId());
            assertThat(b.space()).isEqualTo(a.space());
            assertThat(b.fps()).isEqualTo(a.fps());
            assertThat(b.minVisibility()).isEqualTo(a.minVisibility());
            assertThat(b.frameIndex()).isEqualTo(a.frameIndex());
            assertThat(b.timeMs()).isEqualTo(a.timeMs());
            assertThat(b.angleNames()).containsExactlyElementsOf(a.angleNames());
            for (String angle : a.angleNames()) {
                // NaN gaps included: Arrays.equals compares doubles bit for bit
                assertThat(b.angle(angle)).as(angle).isEqualTo(a.angle(angle));
                assertThat(b.velocity(angle)).as(angle).isEqualTo(a.velocity(angle));
            }
            assertThat(Arrays.deepEquals(b.centreOfMass(), a.centreOfMass())).as("centre of mass").isTrue();
        }
    }

    private static PoseSeries twoPeople() {
        List<PoseFrame> frames = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double depth = Math.sin(Math.PI * i / 29);
            List<PersonPose> people = new ArrayList<>();
            for (int id = 0; id < 2; id++) {
                if (id == 1 && i >= 10 && i < 15) {
                    continue;
                }
                double x = 0.3 + 0.4 * id;
                KinematicsMathTest.Body body = new KinematicsMathTest.Body()
                        .at(BodyLandmark.LEFT_HIP, x, 0.45 + 0.15 * depth).at(BodyLandmark.LEFT_KNEE, x + 0.05, 0.65)
                        .at(BodyLandmark.LEFT_ANKLE, x, 0.88).at(BodyLandmark.LEFT_SHOULDER, x, 0.2 + 0.1 * depth)
                        .world(BodyLandmark.LEFT_HIP, 0, -0.1 * depth, 0);
                if (i % 7 == 0) {
                    body.hidden(BodyLandmark.LEFT_WRIST);
                }
                people.add(body.pose(id));
            }
            frames.add(new PoseFrame(i, Math.round(i * 1000 / 30.0), people));
        }
        return new PoseSeries("full", 30, 1280, 720, frames);
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> KinematicsFile.read(new byte[] {1, 2, 3})).isInstanceOf(IOException.class);
    }
}
