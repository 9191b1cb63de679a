package com.skillmirror.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.testsupport.OwnDatabaseTest;
import com.skillmirror.testsupport.RecordedProgress;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Progress of every stage and sub-step (issue 12, item 4), as the CLI and the portal receive it: two real clips
 * through the whole job in-process (the vtest walker filed as a squat, so every stage runs on it; the talking head,
 * for speech), every event recorded as published.
 */
@SpringBootTest(classes = {TestAnalysisApplication.class, RecordedProgress.class})
class ProgressEventsTest extends OwnDatabaseTest {


    @Autowired
    UploadService uploads;
    @Autowired
    AnalysisLauncher launcher;
    @Autowired
    VideoRepository videos;
    @Autowired
    RecordedProgress events;

    @Test
    void everyStageAndSubStepReportsMonotoneProgressWithEstimates(@TempDir Path dir) throws Exception {
        Path walker = TestClips.excerpt(TestMedia.file("opencv_vtest_pedestrians.avi"), dir.resolve("walker.mp4"), 60,
                8, "crop=480:320:150:256,scale=960:640");
        Path talk = TestMedia.file("forensics_movie-hello_talking_head.mp4");
        UploadService.Created upload = uploads.create(List.of(
                new IncomingFile("walker.mp4", Files.size(walker), () -> Files.newInputStream(walker), "Wendy", "squat"),
                new IncomingFile("talk.mp4", Files.size(talk), () -> Files.newInputStream(talk), "Tom", null)));

        assertThat(launcher.run(upload.uploadId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        UUID uploadId = upload.uploadId();
        List<ProgressEvent> mine = events.received().stream().filter(e -> uploadId.equals(e.uploadId())).toList();
        Map<String, UUID> ids = new HashMap<>();
        videos.findByUpload(uploadId).forEach(v -> ids.put(v.originalName(), v.id()));
        System.out.println("progress events of the upload: " + mine.size());
        mine.forEach(e -> System.out.println("  " + (e.videoId() == null ? "upload" : e.videoId().toString().substring(0, 8))
                + " " + e.stage() + " " + e.step() + " " + e.fraction() + " eta " + e.etaSeconds() + " s, upload "
                + e.uploadEtaSeconds() + " s: " + e.message()));

        // every event: fraction in [0, 1], percent from it, estimates present and not negative
        for (ProgressEvent e : mine) {
            assertThat(e.fraction()).as("fraction of %s", e).isBetween(0.0, 1.0);
            assertThat(e.percent()).as("percent of %s", e).isBetween(0, 100);
            assertThat(e.etaSeconds()).as("video ETA of %s", e).isNotNegative();
            assertThat(e.uploadEtaSeconds()).as("upload ETA of %s", e).isNotNegative();
            assertThat(e.etaSeconds()).as("a video is done no later than its upload: %s", e)
                    .isLessThanOrEqualTo(e.uploadEtaSeconds());
        }
        // fractions never go back within a sub-step of a video
        Map<String, Double> last = new LinkedHashMap<>();
        for (ProgressEvent e : mine.stream().filter(e -> ProgressEvent.PROGRESS.equals(e.type())).toList()) {
            String key = e.videoId() + " " + e.step();
            Double before = last.put(key, e.fraction());
            if (before != null) {
                assertThat(e.fraction()).as("fraction of %s after %s", key, before).isGreaterThanOrEqualTo(before);
            }
        }

        // the walker goes through every stage: each sub-step starts (0) and ends (1)
        UUID walkerId = ids.get("walker.mp4");
        assertThat(videos.find(walkerId).map(Video::status).orElseThrow().name()).isEqualTo("COMPLETED");
        for (String step : List.of("probe", "proxy", "audio", "pose/0", "summary", "exports", "keyframes", "overlay",
                "compare", "report", "pdf")) {
            List<Double> fractions = fractions(mine, walkerId, step);
            assertThat(fractions).as("walker's %s", step).isNotEmpty();
            assertThat(fractions.get(0)).as("walker's %s starts at 0", step).isZero();
            assertThat(fractions.get(fractions.size() - 1)).as("walker's %s ends at 1", step).isEqualTo(1.0);
        }
        // the stages, in job order, for the walker
        assertThat(mine.stream().filter(e -> walkerId.equals(e.videoId())).map(ProgressEvent::stage).distinct())
                .containsExactly("decode", "pose", "compare", "report");
        // speech of the talking head, by windows transcribed
        UUID talkId = ids.get("talk.mp4");
        assertThat(fractions(mine, talkId, "speech")).isNotEmpty().last().isEqualTo(1.0);
        // the team report is upload-level progress
        List<Double> team = fractions(mine, null, "team-report");
        assertThat(team).isNotEmpty();
        assertThat(team.get(0)).isZero();
        assertThat(team.get(team.size() - 1)).isEqualTo(1.0);

        // an estimate is made before the end: early events expect work ahead, the end expects none
        ProgressEvent firstProbe = mine.stream().filter(e -> walkerId.equals(e.videoId()) && "probe".equals(e.step()))
                .findFirst().orElseThrow();
        assertThat(firstProbe.etaSeconds()).as("ETA when the walker's decoding starts").isPositive();
        assertThat(firstProbe.uploadEtaSeconds()).isPositive();
        ProgressEvent complete = mine.stream().filter(e -> ProgressEvent.COMPLETE.equals(e.type())).findFirst()
                .orElseThrow();
        assertThat(complete.uploadEtaSeconds()).isZero();
    }

    private static List<Double> fractions(List<ProgressEvent> events, UUID videoId, String step) {
        return events.stream().filter(e -> ProgressEvent.PROGRESS.equals(e.type()) && Objects.equals(videoId, e.videoId())
                && step.equals(e.step())).map(ProgressEvent::fraction).toList();
    }
}
