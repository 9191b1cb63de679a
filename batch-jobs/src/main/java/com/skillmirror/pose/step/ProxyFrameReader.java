package com.skillmirror.pose.step;

import com.skillmirror.pose.RgbImage;
import com.skillmirror.storage.ObjectStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the segment's frames of the proxy as RGB. Restartable: the next frame to read is saved at every commit, and
 * a restarted partition seeks there, so no frame is analysed twice or skipped.
 */
class ProxyFrameReader implements ItemStreamReader<IndexedFrame> {

    private static final Logger log = LoggerFactory.getLogger(ProxyFrameReader.class);
    static final String NEXT_FRAME = "pose.nextFrame";
    static final String FRAMES_DONE = "pose.framesDone";
    static final String FRAMES_TOTAL = "pose.framesTotal";

    private final ObjectStorage storage;
    private final String proxyKey;
    private final PoseSegment segment;
    private final int stride;
    private Path localCopy;
    private FFmpegFrameGrabber grabber;
    private double fps;
    private int width;
    private int height;
    private int nextFrame;
    private long decodeNanos;
    private int framesRead;

    ProxyFrameReader(ObjectStorage storage, String proxyKey, PoseSegment segment, int stride) {
        this.storage = storage;
        this.proxyKey = proxyKey;
        this.segment = segment;
        this.stride = Math.max(1, stride);
    }

    @Override
    public void open(ExecutionContext context) {
        nextFrame = context.getInt(NEXT_FRAME, segment.startFrame());
        if (nextFrame > segment.startFrame()) {
            log.info("Resuming pose of video {} at frame {} (segment {}-{})", segment.videoId(), nextFrame,
                    segment.startFrame(), segment.endFrame());
        }
        try {
            localCopy = Files.createTempFile("skillmirror-proxy-", ".mp4");
            storage.download(proxyKey, localCopy);
            grabber = new FFmpegFrameGrabber(localCopy.toFile());
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            // one decoding thread: the partitions already keep every core busy with the model, and FFmpeg's frame
            // threads beside them only took CPU from it (bench job on a 60 s clip: pose step 24.4-25.3 s -> 22.6-24.1 s)
            grabber.setVideoOption("threads", "1");
            grabber.start();
            fps = grabber.getFrameRate();
            width = grabber.getImageWidth();
            height = grabber.getImageHeight();
            if (nextFrame > 0) {
                grabber.setVideoFrameNumber(nextFrame);
            }
        } catch (IOException e) {
            throw new ItemStreamException("Could not open the analysis proxy " + proxyKey + ": " + e.getMessage(), e);
        }
        context.putInt(FRAMES_TOTAL, (segment.frames() + stride - 1) / stride);
    }

    @Override
    public IndexedFrame read() throws Exception {
        long start = System.nanoTime();
        try {
            return nextFrame();
        } finally {
            decodeNanos += System.nanoTime() - start;
        }
    }

    private IndexedFrame nextFrame() throws Exception {
        while (true) {
            Frame frame = grabber.grabImage();
            if (frame == null) {
                return null;
            }
            int index = (int) Math.round(grabber.getTimestamp() * fps / 1_000_000.0);
            if (index < nextFrame) {
                continue; // the seek landed on an earlier keyframe
            }
            if (index >= segment.endFrame()) {
                return null;
            }
            nextFrame = index + 1;
            if ((index - segment.startFrame()) % stride != 0) {
                continue;
            }
            framesRead++;
            return new IndexedFrame(index, Math.round(index * 1000.0 / fps),
                    RgbImage.fromFrame(frame, RgbImage.ChannelOrder.RGB));
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(NEXT_FRAME, nextFrame);
        context.putInt(FRAMES_DONE, (nextFrame - segment.startFrame() + stride - 1) / stride);
    }

    @Override
    public void close() {
        if (framesRead > 0) {
            log.info("Decoded frames {}-{} of video {}: {} ms a frame", segment.startFrame(), segment.endFrame(),
                    segment.videoId(), String.format(Locale.ROOT, "%.2f", decodeNanos / 1e6 / framesRead));
            framesRead = 0; // Spring Batch closes a reader twice (step and partition)
            decodeNanos = 0;
        }
        try {
            if (grabber != null) {
                grabber.close();
            }
            if (localCopy != null) {
                Files.deleteIfExists(localCopy);
            }
        } catch (IOException e) {
            throw new ItemStreamException("Could not close the analysis proxy: " + e.getMessage(), e);
        } finally {
            grabber = null;
            localCopy = null;
        }
    }

    double fps() {
        return fps;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    double analysisFps() {
        return fps / stride;
    }
}
