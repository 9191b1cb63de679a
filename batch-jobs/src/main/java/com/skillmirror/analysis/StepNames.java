package com.skillmirror.analysis;

import com.skillmirror.upload.VideoRepository;
import java.util.List;

/**
 * Every step name of the analysis job, in one place ({@link #DECODE} names upload's constant). A worker step's name is also its bean name: a remote worker
 * finds the step it is asked to run by that name, so a renamed bean that no longer matches would fail only in
 * distributed mode. Constants (not an enum) because they are used in {@code @Bean} and {@code @Qualifier}.
 */
public final class StepNames {

    /** Spelt in upload, whose queries of decoded videos need it and which cannot import this package. */
    public static final String DECODE = VideoRepository.DECODE_STEP;
    public static final String DECODE_WORKER = "decodeWorker";
    public static final String POSE = "pose";
    public static final String POSE_WORKER = "poseWorker";
    public static final String POSE_SUMMARY = "poseSummary";
    public static final String POSE_SUMMARY_WORKER = "poseSummaryWorker";
    public static final String OVERLAY = "overlay";
    public static final String OVERLAY_WORKER = "overlayWorker";
    public static final String SPEECH = "speech";
    public static final String SPEECH_WORKER = "speechWorker";
    public static final String SPEECH_SUMMARY = "speechSummary";
    public static final String COMPARE = "compare";
    public static final String COMPARE_WORKER = "compareWorker";
    public static final String REPORT = VideoRepository.REPORT_STEP;
    public static final String REPORT_WORKER = "reportWorker";
    public static final String TEAM_REPORT = "teamReport";

    /** The steps that run per partition, in a remote worker when distributed: the only names a worker runs. */
    public static final List<String> WORKER_STEPS = List.of(DECODE_WORKER, POSE_WORKER, POSE_SUMMARY_WORKER,
            OVERLAY_WORKER, SPEECH_WORKER, COMPARE_WORKER, REPORT_WORKER);

    private StepNames() {
    }
}
