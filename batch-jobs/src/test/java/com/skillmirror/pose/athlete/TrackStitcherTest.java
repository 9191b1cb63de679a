package com.skillmirror.pose.athlete;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.landmarks.RoiBox;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Joins on looks alone, on tracks made here: two people seen together for a second, then, after a 3 s cut, one
 * person far from where either was. When only one of the two wears the returning person's colours, the returning
 * person is that one; when both wear them (team-mates in one kit), who returned is a guess, and it is not made.
 */
class TrackStitcherTest {

    private static final double FPS = 10;

    @Test
    void aReturningPersonJoinsTheOneWhoLooksLikeThem() {
        TrackStitcher.Result r = stitch(colour(10), colour(40), colour(10));
        assertThat(r.tracklets()).isEqualTo(3);
        assertThat(r.people()).isEqualTo(2);
        assertThat(idsInFrame(r.series(), 40)).singleElement().isEqualTo(idAt(r.series(), 0, 0.2f));
    }

    @Test
    void teamMatesInOneKitAreNotJoinedByGuess() {
        TrackStitcher.Result r = stitch(colour(10), colour(10), colour(10));
        assertThat(r.tracklets()).isEqualTo(3);
        assertThat(r.people()).isEqualTo(3);
    }

    /** Person 0 at x 0.2 and person 1 at x 0.5 in frames 0-9; person 2 at x 0.85 in frames 40-49. */
    private static TrackStitcher.Result stitch(float[] first, float[] second, float[] returning) {
        List<PoseFrame> frames = new ArrayList<>();
        AppearanceTable looks = new AppearanceTable();
        for (int i = 0; i < 50; i++) {
            List<PersonPose> people = new ArrayList<>();
            if (i < 10) {
                people.add(person(0, 0.2f));
                people.add(person(1, 0.5f));
                looks.put(i, 0, new Appearance(first, first));
                looks.put(i, 1, new Appearance(second, second));
            } else if (i >= 40) {
                people.add(person(2, 0.85f));
                looks.put(i, 2, new Appearance(returning, returning));
            }
            frames.add(new PoseFrame(i, Math.round(i * 1000 / FPS), people));
        }
        return TrackStitcher.stitch(new PoseSeries("full", FPS, 640, 480, frames), looks);
    }

    /** A normalised histogram with its mass in one bin and a little spread around it. */
    private static float[] colour(int bin) {
        float[] h = new float[Appearance.BINS];
        h[bin] = 0.8f;
        h[bin + 1] = 0.1f;
        h[bin - 1] = 0.1f;
        return h;
    }

    /** A standing person a third of the frame high, centred at x. */
    private static PersonPose person(int id, float x) {
        List<Landmark> landmarks = new ArrayList<>();
        for (int k = 0; k < PersonPose.LANDMARK_COUNT; k++) {
            float y = 0.3f + 0.33f * k / (PersonPose.LANDMARK_COUNT - 1);
            float dx = (k % 2 == 0 ? -1 : 1) * 0.03f;
            landmarks.add(new Landmark(x + dx, y, 0, 0.9f, 0.9f));
        }
        return new PersonPose(id, 0.9f, landmarks, Collections.nCopies(PersonPose.LANDMARK_COUNT,
                new Landmark(0, 0, 0, 0.9f, 0.9f)), new RoiBox(x, 0.47f, 0.2f, 0.4f, 0));
    }

    private static Set<Integer> idsInFrame(PoseSeries s, int frame) {
        Set<Integer> ids = new TreeSet<>();
        s.frames().get(frame).people().forEach(p -> ids.add(p.id()));
        return ids;
    }

    private static int idAt(PoseSeries s, int frame, float x) {
        return s.frames().get(frame).people().stream().filter(p -> Math.abs(p.box().xCenter() - x) < 0.01f)
                .findFirst().orElseThrow().id();
    }
}
