package com.skillmirror.pose.step;

import com.skillmirror.metrics.AnalysisMetrics;
import com.skillmirror.landmarks.PoseFrame;
import java.time.Duration;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * The pose step's items: each frame of the segment is decoded ({@link ProxyFrameReader}) and its people found
 * ({@link PoseFrameProcessor}) as it is read, so a chunk holds its frames' landmarks and not their pictures. A chunk
 * of 30 read pictures (2.7 MB each at 720p, two segments at once) kept the garbage collector marking the heap
 * throughout the step. Both are the step's streams (restart position, interpreter), registered with it.
 */
class PosedFrameReader implements ItemReader<PoseFrame> {

    private final ProxyFrameReader frames;
    private final PoseFrameProcessor pose;
    private final AnalysisMetrics metrics;

    PosedFrameReader(ProxyFrameReader frames, PoseFrameProcessor pose, AnalysisMetrics metrics) {
        this.frames = frames;
        this.pose = pose;
        this.metrics = metrics;
    }

    @Override
    public PoseFrame read() throws Exception {
        IndexedFrame frame = frames.read();
        if (frame == null) {
            return null;
        }
        // every frame's pose time and count (frames/s is the counter's rate), whatever the model
        long started = System.nanoTime();
        PoseFrame found = pose.process(frame);
        metrics.poseFrame(Duration.ofNanos(System.nanoTime() - started));
        return found;
    }
}
