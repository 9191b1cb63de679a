package com.skillmirror.pose.step;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.Stage;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.pose.PoseEstimator;
import com.skillmirror.pose.PoseModels;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.pose.PoseTracker;
import com.skillmirror.pose.athlete.AppearanceTable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * BlazePose with tracking and smoothing over the segment's frames; one interpreter per partition thread. Also measures
 * each person's appearance (clothes colours) from the frame while it is in memory, for re-identification in the
 * summary. Each segment tracks on its own, so its track ids are made unique to it ({@link #trackId}); the summary
 * joins the tracks of one person again.
 */
class PoseFrameProcessor implements ItemProcessor<IndexedFrame, PoseFrame>, ItemStream {

    private static final Logger log = LoggerFactory.getLogger(PoseFrameProcessor.class);
    private static final long PROGRESS_INTERVAL_MS = 500;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final PoseOptions options;
    private final PoseSegment segment;
    private final int totalFrames;
    private final ProgressPublisher progress;
    private PoseEstimator estimator;
    private PoseTracker tracker;
    private long lastProgress;
    private long appearanceNanos;
    private long cpuAtOpen;
    /** Appearances of the frames processed and not yet written (the writer takes them per chunk). */
    private final AppearanceTable appearances = new AppearanceTable();

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
        cpuAtOpen = THREADS.getCurrentThreadCpuTime();
    }

    @Override
    public PoseFrame process(IndexedFrame frame) {
        List<PersonPose> people = new ArrayList<>();
        for (PersonPose p : tracker.next(frame.image(), frame.timeMs())) {
            people.add(new PersonPose(trackId(segment, p.id()), p.score(), p.landmarks(), p.worldLandmarks(), p.box()));
        }
        PoseFrame result = new PoseFrame(frame.index(), frame.timeMs(), people);
        long t0 = System.nanoTime();
        synchronized (appearances) {
            appearances.measure(frame.index(), frame.image().rgb(), frame.image().width(), frame.image().height(), people);
        }
        appearanceNanos += System.nanoTime() - t0;
        long now = System.currentTimeMillis();
        boolean first = lastProgress == 0;
        if (first || now - lastProgress >= PROGRESS_INTERVAL_MS || frame.index() + 1 == segment.endFrame()) {
            lastProgress = now;
            int done = frame.index() + 1 - segment.startFrame();
            // the segment's first event says it started (0); each segment is a sub-step of its own, pose/<first frame>
            double fraction = first && done < segment.frames() ? 0 : Math.min(1, done / (double) Math.max(1, segment.frames()));
            progress.publish(ProgressEvent.step(segment.uploadId(), segment.videoId(), Stage.POSE,
                    "pose/" + segment.startFrame(), fraction, "frames " + segment.startFrame() + "-"
                            + segment.endFrame() + " of " + totalFrames + ": " + done + " done"));
        }
        return result;
    }

    /**
     * A track id unique to its segment: the first segment keeps the tracker's ids, later ones are offset by a
     * thousand times their first frame (a segment never starts a thousand tracks).
     */
    static int trackId(PoseSegment segment, int trackerId) {
        return segment.startFrame() == 0 ? trackerId : Math.addExact(Math.multiplyExact(segment.startFrame(), 1000), trackerId);
    }

    /** The appearances of these frames, forgotten here once taken (the chunk is being written). */
    AppearanceTable takeAppearances(int firstFrame, int lastFrame) {
        synchronized (appearances) {
            AppearanceTable out = appearances.frames(firstFrame, lastFrame);
            appearances.removeUpTo(lastFrame);
            return out;
        }
    }

    @Override
    public void close() {
        if (estimator != null) {
            // where a partition's time went, for an operator comparing it with bench pose (issue 12)
            long frames = Math.max(1, estimator.timings().frames());
            log.info("Pose of video {} frames {}-{}: {}, appearance {} ms; partition thread CPU {} ms a frame",
                    segment.videoId(), segment.startFrame(), segment.endFrame(), estimator.timings(),
                    String.format(Locale.ROOT, "%.2f", appearanceNanos / (double) frames / 1e6),
                    String.format(Locale.ROOT, "%.2f",
                            (THREADS.getCurrentThreadCpuTime() - cpuAtOpen) / (double) frames / 1e6));
            estimator.close();
            estimator = null;
            tracker = null;
        }
    }
}
