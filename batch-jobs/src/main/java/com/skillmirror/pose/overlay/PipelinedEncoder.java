package com.skillmirror.pose.overlay;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Encodes BGR24 frames on a thread of its own while the caller decodes and draws the next ones: the encoder is half
 * of the overlay's time, and the overlay runs beside the reports, so once they are done a second core would otherwise
 * sit idle. A small pool of frames is handed back and forth (the caller fills one, the encoder returns it once
 * written), so memory stays at a few frames whatever the video's length.
 */
final class PipelinedEncoder implements AutoCloseable {

    private static final int FRAMES_IN_FLIGHT = 4;
    private static final Frame END = new Frame();

    private final FFmpegFrameRecorder recorder;
    private final BlockingQueue<Frame> free = new ArrayBlockingQueue<>(FRAMES_IN_FLIGHT);
    private final BlockingQueue<Frame> toEncode = new ArrayBlockingQueue<>(FRAMES_IN_FLIGHT + 1);
    private final ExecutorService thread;
    private final Future<?> encoding;

    /** Takes over a started recorder until {@link #finish()}; stopping and closing it stay the caller's. */
    PipelinedEncoder(FFmpegFrameRecorder recorder, int width, int height) {
        this.recorder = recorder;
        for (int i = 0; i < FRAMES_IN_FLIGHT; i++) {
            free.add(new Frame(width, height, Frame.DEPTH_UBYTE, 3));
        }
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, Thread.currentThread().getName() + "-encoder");
            t.setDaemon(true);
            return t;
        });
        this.encoding = thread.submit(this::encodeAll);
    }

    /** A frame to fill and then {@link #submit}; waits while every frame is still being encoded. */
    Frame next() throws IOException {
        try {
            while (true) {
                Frame frame = free.poll(100, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    return frame;
                }
                if (encoding.isDone()) {
                    rethrowFailure();
                    throw new IOException("The overlay encoder stopped before the video's end");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the overlay encoder");
        }
    }

    /** Queues a frame taken from {@link #next()} for encoding (never blocks: the queue holds the whole pool). */
    void submit(Frame frame) {
        toEncode.add(frame);
    }

    /** Waits until every submitted frame is encoded; throws what the encoder failed with, if it did. */
    void finish() throws IOException {
        toEncode.add(END);
        rethrowFailure();
    }

    private void rethrowFailure() throws IOException {
        try {
            encoding.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the overlay encoder");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("The overlay encoder failed: " + e.getCause(), e.getCause());
        }
    }

    private Void encodeAll() throws IOException, InterruptedException {
        while (true) {
            Frame frame = toEncode.take();
            if (frame == END) {
                return null;
            }
            recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
            free.put(frame);
        }
    }

    /** Copies a decoded BGR24 frame's rows into a pool frame (their strides may differ). */
    static Frame copy(Frame source, Frame target) {
        ByteBuffer from = (ByteBuffer) source.image[0];
        ByteBuffer to = (ByteBuffer) target.image[0];
        int row = Math.min(source.imageWidth, target.imageWidth) * 3;
        int rows = Math.min(source.imageHeight, target.imageHeight);
        for (int y = 0; y < rows; y++) {
            to.put(y * target.imageStride, from, y * source.imageStride, row);
        }
        return target;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            // the recorder is closed after this: never while the thread may still be inside record()
            if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The overlay encoder did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
