package com.skillmirror.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageOutcome;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.pose.athlete.AthleteChoice;
import com.skillmirror.storage.Artifact;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The report's "Who was analysed" section: the reason, the frame with the athlete's box, the footage warnings. */
class AthleteSectionTest {

    private final ReportRenderer renderer = new ReportRenderer();
    private final Video video = new Video(UUID.randomUUID(), UUID.randomUUID(), 0, "walk.mp4", "k", 1, null, "Ana",
            "running-gait", VideoStatus.COMPLETED, null, null);

    @Test
    void showsWhoWasAnalysedWhyAndTheFrameWithTheirBox() {
        AthleteChoice athlete = new AthleteChoice(2, AthleteChoice.Basis.MOVEMENT,
                "moved most in the knee and hip angles (in view 75 % of the frames); 3 others in view", 40, 4000,
                new double[] {0.2, 0.4, 0.4, 0.9}, 3, null, List.of("Only the athlete's legs are in view (90 % of"
                + " their frames): film the whole body, head to feet."));
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, 1, 2, 3};
        String html = renderer.html(new ReportData(results(athlete), Map.of(Artifact.ATHLETE_FRAME.kind(), jpeg,
                Artifact.KEYFRAME_MIN.kind(), jpeg), null, Map.of(), Instant.parse("2026-12-02T10:00:00Z")));

        assertThat(html).contains("Who was analysed")
                .contains("Person 2: moved most in the knee and hip angles (in view 75 % of the frames); 3 others in view.")
                .contains("class=\"athlete-frame\"").contains("Only the athlete&#39;s legs are in view");
        // the athlete's frame is not listed again among the key frames
        assertThat(html.split("data:image/jpeg;base64,", -1)).hasSize(3);
    }

    @Test
    void aResultWithoutAnAthleteChoiceHasNoSection() {
        String html = renderer.html(ReportData.of(results(null)));
        assertThat(html).doesNotContain("Who was analysed");
    }

    private VideoResults results(AthleteChoice athlete) {
        PoseResult pose = new PoseResult("full", 10, 80, 80, 4, athlete == null ? 0 : athlete.personId(), 60, 0.9,
                null, List.of(), List.of(), athlete);
        return new VideoResults(video, VideoStatus.COMPLETED, Map.of(Stage.POSE,
                new StageOutcome(Stage.POSE, StageOutcome.Status.COMPLETED, null)), null, pose, null, null);
    }
}
