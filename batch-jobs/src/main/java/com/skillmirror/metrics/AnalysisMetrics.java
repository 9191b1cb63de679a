package com.skillmirror.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The analysis' own meters, beside the job, step, item and chunk observations Spring Batch records itself
 * ({@code spring.batch.*}). Every tag takes a bounded set of values (a stage, a {@link FailureReason}):
 * never an upload, video or account id. The meters carry the app's common tags (application, host; see the
 * management settings of each app), which tell workers apart.
 *
 * <p>Without a meter registry (the CLI's job commands) the meters go nowhere.
 */
@Component
public class AnalysisMetrics {

    /** Frames the pose model analysed (a counter: frames per second is its rate). */
    public static final String POSE_FRAMES = "skillmirror.pose.frames";
    /** Pose time per frame (detector, landmark model, tracking, the people's appearance), a histogram. */
    public static final String POSE_INFERENCE = "skillmirror.pose.inference";
    /** Videos a stage failed, by stage and reason. */
    public static final String VIDEO_FAILURES = "skillmirror.video.failures";
    /** Uploads accepted (files stored, rows written). */
    public static final String UPLOADS = "skillmirror.uploads";
    /** Bytes per uploaded file. */
    public static final String UPLOAD_BYTES = "skillmirror.upload.file.size";

    private final MeterRegistry registry;
    private final Counter uploads;
    private final DistributionSummary uploadBytes;
    private final Counter poseFrames;
    private final Timer poseInference;

    @org.springframework.beans.factory.annotation.Autowired
    public AnalysisMetrics(ObjectProvider<MeterRegistry> registry) {
        this(registry.getIfAvailable(CompositeMeterRegistry::new));
    }

    public AnalysisMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.uploads = Counter.builder(UPLOADS).description("Uploads accepted").register(registry);
        this.uploadBytes = DistributionSummary.builder(UPLOAD_BYTES).baseUnit("bytes")
                .description("Size of each uploaded file").register(registry);
        this.poseFrames = Counter.builder(POSE_FRAMES).description("Frames analysed by the pose model")
                .register(registry);
        this.poseInference = Timer.builder(POSE_INFERENCE).description("Pose time per frame")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    /** Meters that go nowhere (tests and tools that build services by hand). */
    public static AnalysisMetrics none() {
        return new AnalysisMetrics(new CompositeMeterRegistry());
    }

    /** One frame through the pose model (detector, landmarks, tracking, appearance), in this time. */
    public void poseFrame(Duration inference) {
        poseFrames.increment();
        poseInference.record(inference);
    }

    /** A video failed a stage (the stage's result says why in words; the meter only in a bounded reason). */
    public void videoFailed(String stage, FailureReason reason) {
        Counter.builder(VIDEO_FAILURES).description("Videos a stage failed, by stage and reason")
                .tag("stage", stage).tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    /** An upload accepted with files of these sizes. */
    public void uploaded(long... fileSizes) {
        uploads.increment();
        for (long size : fileSizes) {
            uploadBytes.record(size);
        }
    }

    /** Why a video failed a stage, for the failures meter: a closed set, so the tag stays bounded. */
    public enum FailureReason {
        /** The file cannot be analysed (not a video, truncated, no frames). */
        UNUSABLE_MEDIA,
        /** Nobody found, or the coach's point on nobody. */
        NO_ATHLETE,
        /** The take could not be compared with the pattern (unknown skill, too little of the skill in view). */
        NOT_COMPARABLE,
        /** The report could not be rendered. */
        REPORT_RENDERING,
        /** Anything else. */
        OTHER
    }
}
