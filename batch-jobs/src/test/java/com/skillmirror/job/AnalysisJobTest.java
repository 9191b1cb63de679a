package com.skillmirror.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.OwnDatabaseTest;
import com.skillmirror.testsupport.RecordedProgress;
import com.skillmirror.testsupport.TestMedia;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.UploadSettings;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import com.skillmirror.upload.VideoStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole analysis job in-process on the machine's real PostgreSQL: real media and generated clips, including
 * every kind of bad input; each bad file fails alone with a clear message, the others finish.
 */
@SpringBootTest(classes = {TestAnalysisApplication.class, RecordedProgress.class})
class AnalysisJobTest extends OwnDatabaseTest {


    @Autowired
    UploadService uploads;
    @Autowired
    AnalysisLauncher launcher;
    @Autowired
    VideoRepository videos;
    @Autowired
    AnalysisResults results;
    @Autowired
    ObjectStorage storage;
    @Autowired
    RecordedProgress events;

    @Test
    void goodVideosFinishAndEachBadFileFailsAloneWithAClearMessage(@TempDir Path dir) throws Exception {
        Path withAudio = TestClips.video(dir.resolve("with-audio.mp4"), 640, 360, 25, 2, true, 0);
        Path noAudio = TestClips.video(dir.resolve("no-audio.mp4"), 320, 240, 30, 1.5, false, 0);
        // a phone held upright: stored landscape, display matrix says turn 90° clockwise (FFmpeg: -90)
        Path portrait = TestClips.video(dir.resolve("portrait-phone.mp4"), 640, 360, 30, 1, false, -90);
        Path uhd = TestClips.video(dir.resolve("uhd.mp4"), 3840, 2160, 10, 0.5, false, 0);
        Path oneFrame = TestClips.video(dir.resolve("one-frame.mp4"), 320, 240, 25, 0.04, false, 0);
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        Path text = Files.writeString(dir.resolve("notes.mp4"), "this is a text file, not a video\n");
        Path truncated = TestClips.truncated(withAudio, dir.resolve("truncated.mp4"), 0.5);
        Path audioOnly = TestClips.audioOnly(dir.resolve("voice-memo.m4a"), 1.0);
        Path still = TestMedia.file("opencv_messi5.jpg");
        Path realTalk = TestMedia.file("forensics_movie-hello_talking_head.mp4");
        Path realCyclist = TestMedia.file("mecavideo_g1_cyclist.avi");

        List<IncomingFile> files = new ArrayList<>();
        for (Path p : List.of(withAudio, noAudio, portrait, uhd, oneFrame, empty, text, truncated, audioOnly, still, realTalk,
                realCyclist)) {
            files.add(new IncomingFile(p.getFileName().toString(), Files.size(p), () -> Files.newInputStream(p),
                    "Zoë", "squat"));
        }
        files.add(new IncomingFile("../../etc/passwd; rm -rf ~ `id` ünïcødé.mp4", Files.size(noAudio),
                () -> Files.newInputStream(noAudio), "<b>Robert'); DROP TABLE video;--</b>", null));

        UploadService.Created upload = uploads.create(files);
        JobExecution execution = launcher.run(upload.uploadId());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(videos.uploadStatus(upload.uploadId())).contains("PARTIAL");
        Map<String, Video> byName = new java.util.HashMap<>();
        videos.findByUpload(upload.uploadId()).forEach(v -> byName.put(v.originalName(), v));

        for (String decoded : List.of("with-audio.mp4", "no-audio.mp4", "portrait-phone.mp4", "uhd.mp4", "one-frame.mp4",
                "forensics_movie-hello_talking_head.mp4", "mecavideo_g1_cyclist.avi",
                "../../etc/passwd; rm -rf ~ `id` ünïcødé.mp4")) {
            assertThat(stageStatus(byName.get(decoded), "decode")).as(decoded).isEqualTo("COMPLETED");
        }
        // real people are found and tracked; generated clips of a moving square have nobody in them
        for (String withPeople : List.of("forensics_movie-hello_talking_head.mp4", "mecavideo_g1_cyclist.avi")) {
            Video video = byName.get(withPeople);
            assertThat(stageStatus(video, "pose")).as(withPeople).isEqualTo("COMPLETED");
            Map<String, Object> pose = stage(video, "pose");
            assertThat(((Number) pose.get("framesWithPerson")).intValue()).isPositive();
            assertThat(pose.get("framesAnalysed")).isEqualTo(proxy(decode(video)).get("frames"));
        }
        assertThat(proxy(decode(byName.get("one-frame.mp4")))).containsEntry("frames", 1);
        for (String nobody : List.of("with-audio.mp4", "no-audio.mp4", "portrait-phone.mp4", "uhd.mp4", "one-frame.mp4")) {
            Video video = byName.get(nobody);
            assertThat(video.status()).as(nobody).isEqualTo(VideoStatus.FAILED);
            assertThat(video.failedStage()).isEqualTo("pose");
            assertThat(video.errorMessage()).startsWith("No athlete detected in any frame");
        }
        // every video has its report, the failed ones included
        for (Video video : byName.values()) {
            assertThat(stageStatus(video, "report")).as(video.originalName()).isEqualTo("COMPLETED");
            assertThat(results.video(video).get("artifacts").toString()).contains("report-html", "report-pdf");
        }
        assertFailed(byName.get("empty.mp4"), "empty (0 bytes)");
        assertFailed(byName.get("notes.mp4"), "Not a readable video");
        assertFailed(byName.get("truncated.mp4"), "Not a readable video");
        assertFailed(byName.get("voice-memo.m4a"), "audio only");
        assertFailed(byName.get("opencv_messi5.jpg"), "still image");

        Map<String, Object> decode = decode(byName.get("with-audio.mp4"));
        assertThat(decode).containsEntry("hasAudio", true).containsEntry("width", 640).containsEntry("height", 360);
        assertThat(((Number) decode.get("audioSeconds")).doubleValue()).isBetween(1.8, 2.2);
        assertThat(proxy(decode)).containsEntry("width", 640).containsEntry("height", 360).containsEntry("frames", 50);

        // tagged squat, compared with the squat pattern seeded from its published norm: either a (low) score, or,
        // when the legs are not in view, a failed comparison that says why
        for (String tagged : List.of("forensics_movie-hello_talking_head.mp4", "mecavideo_g1_cyclist.avi")) {
            Video video = byName.get(tagged);
            if ("COMPLETED".equals(stageStatus(video, "compare"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> comparison = (Map<String, Object>) stage(video, "compare").get("comparison");
                assertThat(((Number) comparison.get("score")).doubleValue()).as(tagged).isBetween(0.0, 60.0);
                assertThat(comparison.get("pattern").toString()).contains("PUBLISHED_NORM");
                assertThat(video.status()).isEqualTo(VideoStatus.COMPLETED);
            } else {
                assertThat(stageStatus(video, "compare")).isEqualTo("FAILED");
                assertThat(video.status()).isEqualTo(VideoStatus.FAILED);
                assertThat(video.errorMessage()).startsWith("Could not compare with the Squat pattern");
            }
        }
        assertThat(decode(byName.get("no-audio.mp4"))).containsEntry("hasAudio", false);
        assertThat(stageStatus(byName.get("no-audio.mp4"), "speech")).isEqualTo("SKIPPED");
        Map<String, Object> speech = stage(byName.get("forensics_movie-hello_talking_head.mp4"), "speech");
        assertThat(speech).containsEntry("noSpeechDetected", false).containsEntry("provider", "vosk")
                .containsEntry("approximate", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> words = (List<Map<String, Object>>) ((Map<String, Object>) speech.get("transcript")).get("words");
        assertThat(words).hasSizeGreaterThan(3);
        assertThat(((Number) words.get(words.size() - 1).get("endSec")).doubleValue()).isBetween(1.0, 8.4);
        assertThat(results.video(byName.get("no-audio.mp4")).get("artifacts").toString()).doesNotContain("audio");

        Map<String, Object> portraitDecode = decode(byName.get("portrait-phone.mp4"));
        assertThat(portraitDecode).containsEntry("rotation", 90);
        assertThat(proxy(portraitDecode)).containsEntry("width", 360).containsEntry("height", 640);

        assertThat(proxy(decode(byName.get("uhd.mp4")))).containsEntry("width", 1280).containsEntry("height", 720);

        Map<String, Object> talk = decode(byName.get("forensics_movie-hello_talking_head.mp4"));
        assertThat(talk).containsEntry("hasAudio", true).containsEntry("videoCodec", "h264");
        assertThat(proxy(talk)).containsEntry("height", 720);
        assertThat(((Number) proxy(talk).get("frames")).intValue()).isBetween(245, 252);

        Video hostile = byName.get("../../etc/passwd; rm -rf ~ `id` ünïcødé.mp4");
        assertThat(hostile.storageKey()).startsWith("uploads/" + upload.uploadId() + "/videos/" + hostile.id() + "/original/")
                .doesNotContain("..").doesNotContain(" ").doesNotContain("`");
        assertThat(hostile.athleteName()).isEqualTo("<b>Robert'); DROP TABLE video;--</b>");
        assertThat(storage.exists(hostile.storageKey())).isTrue();
        assertThat(storage.list("uploads/" + upload.uploadId() + "/")).allMatch(k -> k.startsWith("uploads/"));

        List<ProgressEvent> mine = events.received().stream().filter(e -> upload.uploadId().equals(e.uploadId())).toList();
        assertThat(mine).extracting(ProgressEvent::type).contains(ProgressEvent.STARTED, ProgressEvent.PROGRESS,
                ProgressEvent.ERROR, ProgressEvent.COMPLETE);
    }

    @Test
    void uploadsOverTheSizeLimitAreRefusedBeforeAnythingIsStored(@TempDir Path dir) throws Exception {
        UploadService small = new UploadService(storage, videos,
                new UploadSettings(org.springframework.util.unit.DataSize.ofKilobytes(1), 10));
        Path big = Files.write(dir.resolve("big.mp4"), new byte[4096]);
        List<String> before = storage.list("uploads/");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.create(List.of(
                        new IncomingFile("big.mp4", Files.size(big), () -> Files.newInputStream(big), null, null))))
                .hasMessageContaining("over the limit");
        // a client that lies about the size is cut off while streaming, and what was written is removed
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.create(List.of(
                        new IncomingFile("liar.mp4", 10, () -> Files.newInputStream(big), null, null))))
                .hasMessageContaining("over the limit");
        assertThat(storage.list("uploads/")).isEqualTo(before);
    }

    private static void assertFailed(Video video, String messagePart) {
        assertThat(video.status()).isEqualTo(VideoStatus.FAILED);
        assertThat(video.failedStage()).isEqualTo("decode");
        assertThat(video.errorMessage()).contains(messagePart);
    }

    private Map<String, Object> decode(Video video) {
        return stage(video, "decode");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stage(Video video, String stage) {
        Map<String, Map<String, Object>> stages = (Map<String, Map<String, Object>>) results.video(
                videos.find(video.id()).orElseThrow()).get("stages");
        return (Map<String, Object>) stages.get(stage).get("result");
    }

    @SuppressWarnings("unchecked")
    private String stageStatus(Video video, String stage) {
        Map<String, Map<String, Object>> stages = (Map<String, Map<String, Object>>) results.video(video).get("stages");
        return (String) stages.get(stage).get("status");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> proxy(Map<String, Object> decode) {
        return (Map<String, Object>) decode.get("proxy");
    }

    static UUID id(Video v) {
        return v.id();
    }
}
