package com.skillmirror.decode.step;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageOutcome;
import com.skillmirror.decode.DecodeResult;
import com.skillmirror.storage.Artifact;
import com.skillmirror.testsupport.StageStepTest;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;

/** The decode tasklet on its own, for one stored upload: a real clip is decoded, a file that is no video fails alone. */
class DecodeTaskletTest extends StageStepTest {

    @Test
    void aClipWithSoundGetsItsProxyAudioThumbnailAndTypedResult(@TempDir Path dir) throws Exception {
        Path clip = TestClips.video(dir.resolve("squat.mp4"), 320, 240, 15, 2.0, true, 0);
        Video video = upload(clip).get(0);

        ExitStatus exit = decode(video.id());

        assertThat(exit.getExitCode()).isEqualTo(ExitStatus.EXECUTING.getExitCode());
        assertThat(results.artifacts(video.id())).containsKeys(Artifact.PROXY.kind(), Artifact.AUDIO.kind(),
                Artifact.THUMBNAIL.kind());
        assertThat(results.load(video.id(), Artifact.PROXY)).get().satisfies(b -> assertThat(b.length).isGreaterThan(1000));
        byte[] wav = results.load(video.id(), Artifact.AUDIO).orElseThrow();
        assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        byte[] jpeg = results.load(video.id(), Artifact.THUMBNAIL).orElseThrow();
        assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
        assertThat(jpeg[1] & 0xff).isEqualTo(0xd8);

        DecodeResult decoded = results.result(video.id(), DecodeResult.STAGE_RESULT).orElseThrow();
        assertThat(decoded.width()).isEqualTo(320);
        assertThat(decoded.height()).isEqualTo(240);
        assertThat(decoded.rotation()).isZero();
        assertThat(decoded.hasAudio()).isTrue();
        assertThat(decoded.audioSeconds()).isBetween(1.5, 2.5);
        assertThat(decoded.proxy().frames()).isBetween(28, 32);
        assertThat(decoded.proxy().fps()).isEqualTo(15.0);
        // the thumbnail is the frame at half the duration, and its time is kept for the coach's athlete point
        assertThat(decoded.proxy().thumbnailMs()).isBetween(900L, 1100L);
        assertThat(decoded.warnings()).isEmpty();
        assertThat(videos.find(video.id()).orElseThrow().status()).isNotEqualTo(VideoStatus.FAILED);
    }

    /**
     * Nothing re-done (issue 12, item 3): H.264 in MP4, upright, at most 720p, constant rate from 0 has its video
     * packets remuxed as they are into the proxy (no frame re-encoded), without its audio track and without its
     * metadata (a phone's GPS location must not reach the proxy any more than through a transcoded one); a clip turned by its rotation metadata or larger than 720p is
     * re-encoded upright and scaled.
     */
    @Test
    void anOriginalThatIsAlreadyFitIsTheProxyAsItIsAndOthersAreReEncoded(@TempDir Path dir) throws Exception {
        Path fit = TestClips.video(dir.resolve("fit.mp4"), 640, 360, 30, 2.0, true, 0,
                java.util.Map.of("title", "Ana squat", "location", "+48.8584+002.2945/"));
        Path rotated = TestClips.video(dir.resolve("rotated.mp4"), 640, 360, 30, 1.0, false, -90);
        Path large = TestClips.video(dir.resolve("large.mp4"), 1920, 1080, 30, 1.0, false, 0);
        List<Video> created = upload(fit, rotated, large);
        for (Video video : created) {
            decode(video.id());
        }

        Path fitProxy = Files.write(dir.resolve("fit-proxy.mp4"),
                results.load(created.get(0).id(), Artifact.PROXY).orElseThrow());
        assertThat(streams(fit)).as("the test clip has sound and metadata").containsEntry("audio", 1L);
        assertThat(metadata(fit)).containsKeys("title", "location");
        assertThat(videoPackets(fitProxy)).as("the same video packets: sizes and times, nothing re-encoded")
                .hasSize(60).isEqualTo(videoPackets(fit));
        assertThat(streams(fitProxy)).as("only the video").containsEntry("video", 1L).containsEntry("audio", 0L)
                .containsEntry("all", 1L);
        assertThat(metadata(fitProxy)).doesNotContainKeys("title", "location");
        DecodeResult fitResult = results.result(created.get(0).id(), DecodeResult.STAGE_RESULT).orElseThrow();
        assertThat(fitResult.proxy().frames()).isEqualTo(60);
        assertThat(fitResult.proxy().fps()).isEqualTo(30.0);
        assertThat(fitResult.proxy().width()).isEqualTo(640);
        assertThat(fitResult.proxy().thumbnailMs()).isBetween(900L, 1100L);
        assertThat(fitResult.hasAudio()).isTrue();
        assertThat(results.load(created.get(0).id(), Artifact.THUMBNAIL)).isPresent();

        byte[] rotatedProxy = results.load(created.get(1).id(), Artifact.PROXY).orElseThrow();
        assertThat(rotatedProxy).isNotEqualTo(Files.readAllBytes(rotated));
        DecodeResult turned = results.result(created.get(1).id(), DecodeResult.STAGE_RESULT).orElseThrow();
        assertThat(turned.proxy().width()).as("re-encoded upright").isEqualTo(360);
        assertThat(turned.proxy().height()).isEqualTo(640);

        DecodeResult scaled = results.result(created.get(2).id(), DecodeResult.STAGE_RESULT).orElseThrow();
        assertThat(results.load(created.get(2).id(), Artifact.PROXY).orElseThrow()).isNotEqualTo(Files.readAllBytes(large));
        assertThat(scaled.proxy().width()).as("re-encoded at 720p").isEqualTo(1280);
        assertThat(scaled.proxy().height()).isEqualTo(720);
    }

    @Test
    void aFileThatIsNoVideoFailsOnlyItsOwnVideoSayingWhatToDo(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.mp4"), "training notes, not a video\n".repeat(50));
        Path clip = TestClips.video(dir.resolve("ok.mp4"), 160, 120, 10, 1.0, false, 0);
        List<Video> created = upload(notes, clip);
        Video broken = created.get(0);
        Video fine = created.get(1);

        ExitStatus exit = decode(broken.id());

        assertThat(exit.getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(exit.getExitDescription()).startsWith(DecodeTasklet.UNUSABLE_INPUT);
        StageOutcome outcome = results.outcomes(broken.id()).get(Stage.DECODE);
        assertThat(outcome.status()).isEqualTo(StageOutcome.Status.FAILED);
        // the message tells the user what to do next, not just that it broke
        assertThat(outcome.error()).containsIgnoringCase("upload");
        Video failed = videos.find(broken.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(failed.failedStage()).isEqualTo(Stage.DECODE.stepName());
        assertThat(failed.errorMessage()).isEqualTo(outcome.error());
        assertThat(results.artifacts(broken.id())).isEmpty();
        // the other video of the same upload is untouched, and still decodes
        assertThat(videos.find(fine.id()).orElseThrow().status()).isEqualTo(VideoStatus.PENDING);
        assertThat(results.outcomes(fine.id())).isEmpty();
        decode(fine.id());
        DecodeResult decoded = results.result(fine.id(), DecodeResult.STAGE_RESULT).orElseThrow();
        assertThat(decoded.hasAudio()).isFalse();
        assertThat(results.artifacts(fine.id())).doesNotContainKey(Artifact.AUDIO.kind());
    }

    private List<Video> upload(Path... files) throws IOException {
        List<IncomingFile> incoming = java.util.Arrays.stream(files).map(f -> new IncomingFile(f.getFileName().toString(),
                size(f), () -> Files.newInputStream(f), "Ana", "squat")).toList();
        return uploads.create(incoming).videos();
    }

    private ExitStatus decode(UUID videoId) throws Exception {
        StepContribution contribution = new StepContribution(MetaDataInstanceFactory.createStepExecution());
        ChunkContext chunk = new ChunkContext(new StepContext(contribution.getStepExecution()));
        RepeatStatus status = new DecodeTasklet(videos, results, storage, progress, decodeSettings, videoId)
                .execute(contribution, chunk);
        assertThat(status).isEqualTo(RepeatStatus.FINISHED);
        return contribution.getExitStatus();
    }

    /** Each video packet's size and time (microseconds), in file order. */
    private static List<String> videoPackets(Path file) throws IOException {
        List<String> packets = new java.util.ArrayList<>();
        try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            int stream = grabber.getVideoStream();
            org.bytedeco.ffmpeg.avutil.AVRational tb = grabber.getFormatContext().streams(stream).time_base();
            org.bytedeco.ffmpeg.avcodec.AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                if (packet.stream_index() == stream) {
                    packets.add(packet.size() + "@" + Math.round(packet.pts() * 1_000_000.0 * tb.num() / tb.den()));
                }
                org.bytedeco.ffmpeg.global.avcodec.av_packet_unref(packet);
            }
        }
        return packets;
    }

    private static java.util.Map<String, Long> streams(Path file) throws IOException {
        try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            org.bytedeco.ffmpeg.avformat.AVFormatContext context = grabber.getFormatContext();
            long video = 0;
            long audio = 0;
            for (int i = 0; i < context.nb_streams(); i++) {
                int type = context.streams(i).codecpar().codec_type();
                video += type == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO ? 1 : 0;
                audio += type == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO ? 1 : 0;
            }
            return java.util.Map.of("video", video, "audio", audio, "all", (long) context.nb_streams());
        }
    }

    private static java.util.Map<String, String> metadata(Path file) throws IOException {
        try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            return new java.util.HashMap<>(grabber.getMetadata());
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
