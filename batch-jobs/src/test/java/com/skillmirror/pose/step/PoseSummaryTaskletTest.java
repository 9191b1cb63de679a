package com.skillmirror.pose.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageOutcome;
import com.skillmirror.decode.step.DecodeTasklet;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.KinematicsFile;
import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.pose.athlete.AthleteChoice;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.storage.Artifact;
import com.skillmirror.testsupport.StageStepTest;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.upload.AthletePoint;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pose summary on its own, fed synthetic landmark chunks as the chunk writer stores them (no model run): the
 * chunks are joined whatever order they were written in, a video with nobody in it fails clearly, and the athlete is
 * the person who moves or the one the coach's point is on (a point on nobody fails that video, naming the nearest).
 */
class PoseSummaryTaskletTest extends StageStepTest {

    private static final int FRAMES = 20;

    @Autowired
    private SkillRegistry skills;

    @Test
    void withoutAPointTheAthleteIsThePersonWhoMovesWithAPointThePersonUnderIt(@TempDir Path dir) throws Exception {
        Video video = decodedClip(dir, null);
        storeChunk(video, 0, FRAMES, i -> true, true);

        summarise(video);

        PoseResult pose = results.result(video.id(), PoseResult.STAGE_RESULT).orElseThrow();
        assertThat(pose.people()).isEqualTo(2);
        AthleteChoice chosen = pose.athlete();
        assertThat(chosen.basis()).isEqualTo(AthleteChoice.Basis.MOVEMENT);
        assertThat(pose.mainPersonId()).isEqualTo(chosen.personId()).isEqualTo(squatterId());
        assertThat(chosen.reason()).startsWith("moved most in the knee").endsWith("1 other person in view");
        assertThat(pose.note()).contains("is analysed as the athlete: moved most");
        assertThat(results.artifacts(video.id())).containsKey(Artifact.ATHLETE_FRAME.kind());

        // the coach points at the bystander (standing right of the squatter): the bystander is analysed
        Video pointed = decodedClip(dir.resolve("b"), new AthletePoint(0.85, 0.6));
        storeChunk(pointed, 0, FRAMES, i -> true, true);
        summarise(pointed);
        PoseResult byPoint = results.result(pointed.id(), PoseResult.STAGE_RESULT).orElseThrow();
        assertThat(byPoint.athlete().basis()).isEqualTo(AthleteChoice.Basis.POINT);
        assertThat(byPoint.athlete().point()).isEqualTo("0.8500,0.6000");
        assertThat(byPoint.mainPersonId()).isNotEqualTo(squatterId());
        assertThat(byPoint.athlete().box()[0]).isGreaterThan(0.7);
    }

    @Test
    void aPointOnNobodyFailsThatVideoNamingTheNearestPeople(@TempDir Path dir) throws Exception {
        Video video = decodedClip(dir, new AthletePoint(0.1, 0.1));
        storeChunk(video, 0, FRAMES, i -> true, true);

        summarise(video);

        StageOutcome outcome = results.outcomes(video.id()).get(Stage.POSE);
        assertThat(outcome.status()).isEqualTo(StageOutcome.Status.FAILED);
        assertThat(outcome.error()).startsWith("Nobody at (0.10, 0.10) on the thumbnail")
                .contains("nearest: person " + squatterId() + " at (0.50, ").contains("remove the point");
        assertThat(videos.find(video.id()).orElseThrow().errorMessage()).isEqualTo(outcome.error());
    }

    /** The squatter is the first person seen, so the stitched series numbers them 0. */
    private static int squatterId() {
        return 0;
    }

    @Test
    void chunksWrittenOutOfOrderBecomeOneSeriesWithEachFrameOnce(@TempDir Path dir) throws Exception {
        Video video = decodedClip(dir);
        // the athlete is missing in frames 5..7
        IntPredicate present = i -> i < 5 || i > 7;
        storeChunk(video, 10, FRAMES, present);
        storeChunk(video, 0, 10, present);

        summarise(video);

        PoseSeries series = PoseSeries.read(new ByteArrayInputStream(
                results.load(video.id(), Artifact.POSE_SERIES).orElseThrow()));
        assertThat(series.frames()).extracting(PoseFrame::index)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, FRAMES).boxed().toList());
        List<KinematicSeries> kinematics = KinematicsFile.read(results.load(video.id(), Artifact.KINEMATICS).orElseThrow());
        assertThat(kinematics).singleElement().satisfies(k -> assertThat(k.personId()).isEqualTo(0));

        PoseResult pose = results.result(video.id(), PoseResult.STAGE_RESULT).orElseThrow();
        assertThat(pose.framesAnalysed()).isEqualTo(FRAMES);
        assertThat(pose.framesWithPerson()).isEqualTo(FRAMES - 3);
        assertThat(pose.people()).isEqualTo(1);
        assertThat(pose.mainPersonId()).isZero();
        assertThat(pose.gaps()).containsExactly(new PoseResult.Gap(5, 7));
        assertThat(results.artifacts(video.id())).containsKeys(Artifact.POSE_CSV.kind(), Artifact.POSE_JSON.kind(),
                Artifact.POSE_TRC.kind()).doesNotContainKey(Artifact.OVERLAY.kind());
        assertThat(videos.find(video.id()).orElseThrow().status()).isNotEqualTo(VideoStatus.FAILED);

        // the overlay video is its own step, from the same chunks: every frame of the proxy, drawn or not
        drawOverlay(video);
        Path overlay = dir.resolve("overlay.mp4");
        assertThat(results.download(video.id(), Artifact.OVERLAY, overlay)).isTrue();
        try (var grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(overlay.toFile())) {
            grabber.start();
            assertThat(grabber.getLengthInVideoFrames()).isEqualTo(FRAMES);
            assertThat(grabber.getImageWidth()).isEqualTo(160);
        }
    }

    @Test
    void chunksThatOverlapAreRefusedRatherThanCountedTwice(@TempDir Path dir) throws Exception {
        Video video = decodedClip(dir);
        storeChunk(video, 0, 12, i -> true);
        storeChunk(video, 10, FRAMES, i -> true);

        assertThatThrownBy(() -> summarise(video)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("overlap");
    }

    @Test
    void aVideoWithNobodyInItFailsWithNoAthleteDetected(@TempDir Path dir) throws Exception {
        Video video = decodedClip(dir);
        storeChunk(video, 0, 10, i -> false);
        storeChunk(video, 10, FRAMES, i -> false);

        summarise(video);

        StageOutcome outcome = results.outcomes(video.id()).get(Stage.POSE);
        assertThat(outcome.status()).isEqualTo(StageOutcome.Status.FAILED);
        assertThat(outcome.error()).startsWith("No athlete detected in any frame").contains("upload the video again");
        Video failed = videos.find(video.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.failedStage()).isEqualTo(Stage.POSE.stepName());
        assertThat(results.result(video.id(), PoseResult.STAGE_RESULT)).isEmpty();
        assertThat(results.artifacts(video.id())).doesNotContainKey(Artifact.KINEMATICS.kind());

        // nothing to draw: the overlay step passes over the video instead of failing the job
        drawOverlay(video);
        assertThat(results.artifacts(video.id())).doesNotContainKey(Artifact.OVERLAY.kind());
    }

    private void drawOverlay(Video video) throws Exception {
        StepContribution contribution = new StepContribution(MetaDataInstanceFactory.createStepExecution());
        new OverlayVideoTasklet(videos, results, storage, progress, true, video.id())
                .execute(contribution, new ChunkContext(new StepContext(contribution.getStepExecution())));
    }

    private void summarise(Video video) throws Exception {
        StepContribution contribution = new StepContribution(MetaDataInstanceFactory.createStepExecution());
        new PoseSummaryTasklet(videos, results, storage, progress, new PoseOutputs(storage, results), skills,
                video.id())
                .execute(contribution, new ChunkContext(new StepContext(contribution.getStepExecution())));
    }

    /** A real upload decoded by the real decode tasklet, so the exports have a proxy to draw key frames on. */
    private Video decodedClip(Path dir) throws Exception {
        return decodedClip(dir, null);
    }

    private Video decodedClip(Path dir, AthletePoint point) throws Exception {
        Files.createDirectories(dir);
        Path clip = TestClips.video(dir.resolve("athlete.mp4"), 160, 120, 10, FRAMES / 10.0, false, 0);
        Video video = uploads.create(List.of(new IncomingFile("athlete.mp4", Files.size(clip),
                () -> Files.newInputStream(clip), "Ana", "squat").withAthletePoint(point))).videos().get(0);
        assertThat(videos.athletePoint(video.id())).isEqualTo(java.util.Optional.ofNullable(point));
        StepContribution contribution = new StepContribution(MetaDataInstanceFactory.createStepExecution());
        new DecodeTasklet(videos, results, storage, progress, decodeSettings, video.id())
                .execute(contribution, new ChunkContext(new StepContext(contribution.getStepExecution())));
        return video;
    }

    /** Frames [from, to) as the chunk writer stores them, with a squatting person where present says so. */
    private void storeChunk(Video video, int from, int to, IntPredicate present) throws IOException {
        storeChunk(video, from, to, present, false);
    }

    /** With {@code bystander}, a second person (track 7) stands still right of the squatter. */
    private void storeChunk(Video video, int from, int to, IntPredicate present, boolean bystander) throws IOException {
        List<PoseFrame> frames = new ArrayList<>();
        for (int i = from; i < to; i++) {
            List<PersonPose> people = new ArrayList<>();
            if (present.test(i)) {
                people.add(squatter(i));
            }
            if (bystander) {
                PersonPose still = squatter(0);
                List<Landmark> image = still.landmarks().stream()
                        .map(l -> new Landmark(l.x() + 0.35f, l.y(), l.z(), l.visibility(), l.presence())).toList();
                people.add(new PersonPose(7, 0.9f, image, still.worldLandmarks(), null));
            }
            frames.add(new PoseFrame(i, i * 100L, people));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new PoseSeries("full", 10, 160, 120, frames).write(bytes);
        storage.put(PoseChunkWriter.chunkKey(new PoseSegment(video.uploadId(), video.id(), from, to), from),
                bytes.toByteArray(), "application/octet-stream");
    }

    /** A front-facing person whose knees bend and straighten over the clip (BlazePose landmark indices). */
    private static PersonPose squatter(int frame) {
        float bend = (float) (0.06 * Math.sin(frame * Math.PI / 10));
        float[][] xy = new float[PersonPose.LANDMARK_COUNT][];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = new float[] {0.5f, 0.2f}; // face points around the head
        }
        xy[11] = new float[] {0.45f, 0.35f};
        xy[12] = new float[] {0.55f, 0.35f};
        xy[13] = new float[] {0.42f, 0.45f};
        xy[14] = new float[] {0.58f, 0.45f};
        xy[15] = new float[] {0.42f, 0.55f};
        xy[16] = new float[] {0.58f, 0.55f};
        for (int i = 17; i <= 22; i++) {
            xy[i] = new float[] {i % 2 == 1 ? 0.42f : 0.58f, 0.57f};
        }
        xy[23] = new float[] {0.47f, 0.6f + bend};
        xy[24] = new float[] {0.53f, 0.6f + bend};
        xy[25] = new float[] {0.44f - bend, 0.75f};
        xy[26] = new float[] {0.56f + bend, 0.75f};
        xy[27] = new float[] {0.46f, 0.9f};
        xy[28] = new float[] {0.54f, 0.9f};
        xy[29] = new float[] {0.46f, 0.92f};
        xy[30] = new float[] {0.54f, 0.92f};
        xy[31] = new float[] {0.48f, 0.93f};
        xy[32] = new float[] {0.52f, 0.93f};
        List<Landmark> image = new ArrayList<>();
        List<Landmark> world = new ArrayList<>();
        for (float[] p : xy) {
            image.add(new Landmark(p[0], p[1], 0, 0.95f, 0.95f));
            world.add(new Landmark((p[0] - 0.5f) * 2, (p[1] - 0.6f) * 2, 0, 0.95f, 0.95f));
        }
        return new PersonPose(0, 0.9f, image, world, null);
    }
}
