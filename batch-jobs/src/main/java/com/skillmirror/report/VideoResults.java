package com.skillmirror.report;

import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageOutcome;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.compare.CompareResult;
import com.skillmirror.compare.Comparison;
import com.skillmirror.decode.DecodeResult;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.speech.SpeechResult;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoStatus;
import java.util.Map;
import java.util.Objects;

/**
 * One video as its reports show it: its tags and status, how each stage ended, and the result of each stage that
 * completed, as the type that stage wrote (null for a stage that did not complete).
 *
 * @param status   the video's status as reported (see {@link #finished()})
 * @param outcomes how each stage that recorded anything ended; a stage missing here did not run
 */
public record VideoResults(Video video, VideoStatus status, Map<Stage, StageOutcome> outcomes, DecodeResult decode,
        PoseResult pose, SpeechResult speech, CompareResult compare) {

    public VideoResults {
        Objects.requireNonNull(video, "video");
        outcomes = Map.copyOf(outcomes);
    }

    /** The video's results as the stages stored them. */
    public static VideoResults read(Video video, StageResults stages) {
        return new VideoResults(video, video.status(), stages.outcomes(video.id()),
                stages.result(video.id(), DecodeResult.STAGE_RESULT).orElse(null),
                stages.result(video.id(), PoseResult.STAGE_RESULT).orElse(null),
                stages.result(video.id(), SpeechResult.STAGE_RESULT).orElse(null),
                stages.result(video.id(), CompareResult.STAGE_RESULT).orElse(null));
    }

    /** As reported when the job's last stages run: a video that has not failed by then has completed. */
    public VideoResults finished() {
        return status == VideoStatus.FAILED ? this
                : new VideoResults(video, VideoStatus.COMPLETED, outcomes, decode, pose, speech, compare);
    }

    /** The athlete's comparison with the pattern; null when the compare stage did not complete. */
    public Comparison comparison() {
        return compare == null ? null : compare.comparison();
    }

    /** Whether the stage left a result to show; a stage that did not (failed, skipped, not run) gets a notice. */
    boolean hasResult(Stage stage) {
        return switch (stage) {
            case DECODE -> decode != null;
            case POSE -> pose != null;
            case SPEECH -> speech != null;
            case COMPARE -> compare != null;
            case REPORT -> false;
        };
    }
}
