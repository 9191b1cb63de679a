package com.skillmirror.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The analyze command's progress lines: a sub-step's start, quarters and end, with the estimates. */
class ProgressLinesTest {

    @Test
    void eachSubStepShowsItsStartQuartersAndEndWithTheEstimates() {
        AnalyzeCommand.ProgressLines lines = new AnalyzeCommand.ProgressLines();
        UUID upload = UUID.randomUUID();
        UUID video = UUID.randomUUID();
        List<String> shown = new ArrayList<>();
        for (double f : new double[] {0, 0.1, 0.2, 0.3, 0.26, 0.6, 0.99, 1, 1}) {
            String line = lines.line(ProgressEvent.step(upload, video, Stage.POSE, "overlay", f, "overlay")
                    .withEta(75, 3725), "walker.mp4");
            if (line != null) {
                shown.add(line);
            }
        }
        assertThat(shown).hasSize(5);
        assertThat(shown.get(0)).contains("pose", "walker.mp4", "overlay", "[                    ]   0%",
                "ETA 1:15 (upload 1:02:05)");
        assertThat(shown.get(1)).contains("[######              ]  30%");
        assertThat(shown.get(4)).contains("[####################] 100%");
        // another sub-step of the same video has lines of its own; a failure is always shown
        assertThat(lines.line(ProgressEvent.step(upload, video, Stage.POSE, "keyframes", 0, "k"), "walker.mp4"))
                .contains("keyframes", "ETA 0:00");
        assertThat(lines.line(ProgressEvent.of(ProgressEvent.ERROR, upload, video, Stage.POSE, 100, "nobody"),
                "walker.mp4")).contains("error: nobody");
    }
}
