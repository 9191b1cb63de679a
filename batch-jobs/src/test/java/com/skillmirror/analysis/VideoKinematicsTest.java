package com.skillmirror.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.storage.Artifact;
import com.skillmirror.testsupport.OwnDatabaseTest;
import com.skillmirror.testsupport.TestMedia;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A video analysed before the pose stage stored kinematics has only its landmark series: its kinematics are computed
 * from that on first use, equal to {@link Kinematics#of} of every tracked person, stored, and read back afterwards.
 */
@SpringBootTest(classes = TestAnalysisApplication.class)
class VideoKinematicsTest extends OwnDatabaseTest {

    /** The walker's landmarks as stored and read back: what kinematics computed from the stored series equal. */
    private static PoseSeries walker;
    private static byte[] walkerStored;

    @Autowired
    UploadService uploads;
    @Autowired
    StageResults results;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void track() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PoseClips.track(PoseClips.vtestWalker(TestMedia.file("opencv_vtest_pedestrians.avi"), 40), 10,
                PoseOptions.defaults()).write(bytes);
        walkerStored = bytes.toByteArray();
        walker = PoseSeries.read(new ByteArrayInputStream(walkerStored));
    }

    @Test
    void aVideoWithOnlyItsLandmarkSeriesGetsItsKinematicsComputedOnceAndStored() throws Exception {
        Video video = upload();
        results.store(video.uploadId(), video.id(), Artifact.POSE_SERIES, walkerStored); // as the pose stage did then
        VideoKinematics kinematics = new VideoKinematics(results);
        assertThat(results.key(video.id(), Artifact.KINEMATICS)).isEmpty();

        List<KinematicSeries> first = kinematics.everyone(video).orElseThrow();

        assertThat(walker.personIds()).isNotEmpty();
        assertThat(first).extracting(KinematicSeries::personId).containsExactlyElementsOf(walker.personIds());
        for (KinematicSeries person : first) {
            assertSameAngles(person, Kinematics.of(walker, person.personId()));
        }
        assertThat(results.key(video.id(), Artifact.KINEMATICS)).isPresent();

        // without the landmark series to compute from, the second call can only have read what the first stored
        jdbc.sql("DELETE FROM artifact WHERE video_id = ? AND kind = ?")
                .params(video.id(), Artifact.POSE_SERIES.kind()).update();
        KinematicSeries athlete = kinematics.person(video, walker.mainPersonId()).orElseThrow();
        assertSameAngles(athlete, Kinematics.of(walker, walker.mainPersonId()));
    }

    @Test
    void aVideoWithoutLandmarksHasNoKinematics() throws Exception {
        Video video = upload();

        assertThat(new VideoKinematics(results).everyone(video)).isEmpty();
        assertThat(results.key(video.id(), Artifact.KINEMATICS)).isEmpty();
    }

    private Video upload() throws Exception {
        byte[] bytes = "stands in for the walker's clip".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return uploads.create(List.of(new IncomingFile("walker.mp4", bytes.length,
                () -> new ByteArrayInputStream(bytes), "Walker", null))).videos().get(0);
    }

    private static void assertSameAngles(KinematicSeries actual, KinematicSeries expected) {
        assertThat(actual.personId()).isEqualTo(expected.personId());
        assertThat(actual.timeMs()).isEqualTo(expected.timeMs());
        assertThat(actual.angleNames()).containsExactlyElementsOf(expected.angleNames());
        for (String angle : expected.angleNames()) {
            assertThat(actual.angle(angle)).as(angle).isEqualTo(expected.angle(angle));
        }
        for (int i = 0; i < expected.size(); i++) { // row by row: a 2-D comparison takes NaN (a gap) for unequal
            assertThat(actual.centreOfMass()[i]).as("centre of mass at %d", i).isEqualTo(expected.centreOfMass()[i]);
        }
    }
}
