package com.skillmirror.landmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The stored pose series: exact binary round trip, joining chunks, and which person is the athlete. */
class PoseSeriesTest {

    @Test
    void writeThenReadKeepsEveryFramePersonAndLandmarkExactly() throws IOException {
        PoseSeries series = new PoseSeries("heavy", 29.97, 1280, 720, List.of(
                new PoseFrame(0, 0, List.of(person(0, 0.5f, 0.5f, 0.3f, new RoiBox(0.5f, 0.5f, 0.3f, 0.6f, 0.1f)),
                        person(3, 0.1f, 0.2f, 0.05f, null))),
                new PoseFrame(1, 33, List.of()),
                new PoseFrame(2, 67, List.of(person(3, 0.12f, 0.21f, 0.05f, new RoiBox(0.1f, 0.2f, 0.05f, 0.1f, -0.2f))))));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        series.write(bytes);
        PoseSeries read = PoseSeries.read(new ByteArrayInputStream(bytes.toByteArray()));

        // records compare every float bit for bit, so this is the exact round trip
        assertThat(read).isEqualTo(series);
        assertThat(read.frames().get(1).people()).as("a gap stays a gap").isEmpty();
        assertThat(read.frames().get(0).person(0).landmarks()).hasSize(PersonPose.LANDMARK_COUNT);
        assertThat(read.frames().get(0).person(3).box()).isNull();
        assertThat(read.personIds()).containsExactly(0, 3);
    }

    @Test
    void readRefusesAFileThatIsNoPoseSeries() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }

        assertThatThrownBy(() -> PoseSeries.read(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("Not a SkillMirror pose series");
    }

    @Test
    void concatJoinsChunksInFrameOrderKeepingEachFrameOnce() {
        PoseSeries late = series(List.of(frame(4, 0.4f), frame(5, 0.5f), frame(6, 0.6f)));
        PoseSeries early = series(List.of(frame(0, 0.0f), frame(1, 0.1f), frame(2, 0.2f), frame(3, 0.3f)));
        // a retried chunk overlapping its neighbour
        PoseSeries overlap = series(List.of(frame(3, 0.3f), frame(4, 0.4f)));

        PoseSeries joined = PoseSeries.concat(List.of(late, overlap, early));

        assertThat(joined.frames()).extracting(PoseFrame::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(joined.frames().get(5)).isEqualTo(late.frames().get(1));
        assertThat(joined.frames().get(2)).isEqualTo(early.frames().get(2));
        assertThat(joined.model()).isEqualTo("full");
        assertThat(joined.fps()).isEqualTo(30.0);
        assertThatThrownBy(() -> PoseSeries.concat(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMainPersonIsTheLargestMostCentralOne() {
        // a big person at the edge, a slightly smaller one in the centre, a tiny one in the centre
        PoseFrame frame = new PoseFrame(0, 0, List.of(
                person(1, 0.15f, 0.5f, 0.26f, null),
                person(2, 0.5f, 0.5f, 0.24f, null),
                person(7, 0.5f, 0.5f, 0.05f, null)));
        PoseSeries series = series(List.of(frame, new PoseFrame(1, 33, List.of(person(2, 0.5f, 0.5f, 0.24f, null)))));

        assertThat(series.mainPersonId()).isEqualTo(2);
        // alone, the edge person is the athlete
        assertThat(series(List.of(new PoseFrame(0, 0, List.of(person(1, 0.15f, 0.5f, 0.26f, null))))).mainPersonId())
                .isEqualTo(1);
        assertThat(series(List.of(new PoseFrame(0, 0, List.of()))).mainPersonId()).isEqualTo(-1);
    }

    @Test
    void aMuchLargerPersonOffCentreStillWinsOverASmallCentralOne() {
        PoseFrame frame = new PoseFrame(0, 0, List.of(
                person(4, 0.3f, 0.5f, 0.4f, null),
                person(5, 0.5f, 0.5f, 0.1f, null)));

        assertThat(series(List.of(frame)).mainPersonId()).isEqualTo(4);
    }

    private static PoseSeries series(List<PoseFrame> frames) {
        return new PoseSeries("full", 30.0, 640, 480, frames);
    }

    private static PoseFrame frame(int index, float x) {
        return new PoseFrame(index, index * 33L, List.of(person(0, x, 0.5f, 0.1f, null)));
    }

    /** 33 landmarks spread over a square of the given half size around (cx, cy), all distinct. */
    private static PersonPose person(int id, float cx, float cy, float half, RoiBox box) {
        List<Landmark> image = new ArrayList<>();
        List<Landmark> world = new ArrayList<>();
        for (int i = 0; i < PersonPose.LANDMARK_COUNT; i++) {
            float t = i / (float) (PersonPose.LANDMARK_COUNT - 1);
            float x = cx - half + 2 * half * t;
            float y = cy - half + 2 * half * ((i * 7 % PersonPose.LANDMARK_COUNT) / (float) (PersonPose.LANDMARK_COUNT - 1));
            image.add(new Landmark(x, y, -0.01f * i, 0.9f - 0.01f * i, 0.95f));
            world.add(new Landmark(0.02f * i - 0.3f, 0.8f - 0.05f * i, 0.001f * i, 0.9f, 0.95f));
        }
        return new PersonPose(id, 0.8f + 0.01f * id, image, world, box);
    }
}
