package com.skillmirror.pose.step;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.Stage;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.pose.PoseEstimator;
import com.skillmirror.pose.PoseModels;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.pose.PoseTracker;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;

/** BlazePose with tracking and smoothing over the segment's frames; one interpreter per partition thread. */
class PoseFrameProcessor implements ItemProcessor<IndexedFrame, PoseFrame>, ItemStream {

    private static final long PROGRESS_INTERVAL_MS = 500;

    private final PoseOptions options;
    private final PoseSegment segment;
    private final int totalFrames;
    private final ProgressPublisher progress;
    private PoseEstimator estimator;
    private PoseTracker tracker;
    private long lastProgress;

    PoseFrameProcessor(PoseOptions options, PoseSegment segment, int totalFrames, ProgressPublisher progress) {
        this.options = options;
        this.segment = segment;
        this.totalFrames = totalFrames;
        this.progress = progress;
    }

    String modelName() {
        return options.model().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void open(ExecutionContext context) {
        estimator = new PoseEstimator(PoseModels.resolve(), options);
        tracker = estimator.tracker();
    }

    @Override
    public PoseFrame process(IndexedFrame frame) {
        PoseFrame result = new PoseFrame(frame.index(), frame.timeMs(), tracker.next(frame.image(), frame.timeMs()));
        long now = System.currentTimeMillis();
        if (now - lastProgress >= PROGRESS_INTERVAL_MS || frame.index() + 1 == segment.endFrame()) {
            lastProgress = now;
            int done = frame.index() + 1 - segment.startFrame();
            int percent = (int) Math.min(100, 100L * done / Math.max(1, segment.frames()));
            progress.publish(ProgressEvent.of(ProgressEvent.PROGRESS, segment.uploadId(), segment.videoId(), Stage.POSE,
                    percent, "frames " + segment.startFrame() + "-" + segment.endFrame() + " of " + totalFrames
                            + ": " + done + " done"));
        }
        return result;
    }

    @Override
    public void close() {
        if (estimator != null) {
            estimator.close();
            estimator = null;
            tracker = null;
        }
    }
}
