package com.skillmirror.cli;

import com.skillmirror.cli.Cli.UsageException;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.pose.PoseEstimator;
import com.skillmirror.pose.PoseModels;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.pose.PoseTimings;
import com.skillmirror.pose.PoseTracker;
import com.skillmirror.pose.RgbImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;

/**
 * `skillmirror bench pose VIDEO [--model lite|full|heavy] [--threads N] [--people N] [--no-smoothing] [--frames N]`:
 * decode + pose throughput on a video. Decodes with FFmpeg to RGB24 (scaled down to at most 720 lines), runs a {@link PoseTracker} on every frame and
 * prints analysed frames per second and the share of time per part. Not a unit test.
 */
final class PoseBenchmark {

    private PoseBenchmark() {
    }

    /** Result of one run. */
    record Result(long frames, long framesWithPose, double seconds, long decodeNanos, PoseTimings pose,
                         int width, int height) {

        double framesPerSecond() {
            return frames / seconds;
        }

        String describe() {
            double total = decodeNanos + pose.totalNanos();
            double f = Math.max(1, frames);
            return String.format(Locale.ROOT,
                    "%d frames %dx%d (%d with a pose) in %.2f s: %.1f frames/s (decode + pose)%n"
                            + "  per frame: decode %.2f ms, pre-processing %.2f ms, detector %.2f ms (%d runs),"
                            + " landmarks %.2f ms (%d runs), post-processing %.2f ms%n"
                            + "  share: decode %.0f%%, pre-processing %.0f%%, detector %.0f%%, landmarks %.0f%%,"
                            + " post-processing %.0f%%",
                    frames, width, height, framesWithPose, seconds, framesPerSecond(),
                    decodeNanos / f / 1e6, pose.preprocessNanos() / f / 1e6, pose.detectorNanos() / f / 1e6,
                    pose.detectorRuns(), pose.landmarkNanos() / f / 1e6, pose.landmarkRuns(),
                    pose.postprocessNanos() / f / 1e6,
                    100 * decodeNanos / total, 100 * pose.preprocessNanos() / total, 100 * pose.detectorNanos() / total,
                    100 * pose.landmarkNanos() / total, 100 * pose.postprocessNanos() / total);
        }
    }

    static int run(String[] args, PrintStream out) throws Exception {
        if (args.length < 1) {
            throw new UsageException("bench pose needs a video");
        }
        Path video = Path.of(args[0]);
        PoseOptions options = PoseOptions.defaults();
        long maxFrames = Long.MAX_VALUE;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> options = options.withModel(PoseCommand.model(PoseCommand.value(args, ++i, "--model")));
                case "--threads" -> options = options.withNumThreads(
                        (int) PoseCommand.positive(PoseCommand.value(args, ++i, "--threads"), "--threads"));
                case "--people" -> options = options.withMaxPeople(
                        (int) PoseCommand.positive(PoseCommand.value(args, ++i, "--people"), "--people"));
                case "--no-smoothing" -> options = options.withSmoothing(false);
                case "--frames" -> maxFrames = (long) PoseCommand.positive(PoseCommand.value(args, ++i, "--frames"),
                        "--frames");
                default -> throw new UsageException("bench pose: unknown option " + args[i]);
            }
        }
        if (!Files.isRegularFile(video)) {
            throw new UsageException("no such video: " + video);
        }
        out.println("pose benchmark: " + video + ", model " + options.model() + ", " + options.numThreads()
                + " thread(s), max people " + options.maxPeople() + ", smoothing " + options.smoothing());
        out.println(measure(video, PoseModels.resolve(), options, maxFrames).describe());
        return 0;
    }

    /** Decodes {@code video} and tracks poses in every frame (up to maxFrames); warms up on the first frames. */
    static Result measure(Path video, PoseModels models, PoseOptions options, long maxFrames) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
        try (PoseEstimator estimator = new PoseEstimator(models, options);
             FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            int w = grabber.getImageWidth();
            int h = grabber.getImageHeight();
            if (h > 720) {
                grabber.stop();
                int nw = (int) Math.round(w * 720.0 / h) & ~1;
                grabber.setImageWidth(nw);
                grabber.setImageHeight(720);
                grabber.start();
                w = nw;
                h = 720;
            }
            PoseTracker tracker = estimator.tracker();
            // warm-up: JIT and XNNPACK packing, not measured
            Frame warm = grabber.grabImage();
            if (warm == null) {
                throw new IllegalStateException("No video frames in " + video);
            }
            RgbImage first = RgbImage.fromFrame(warm, RgbImage.ChannelOrder.RGB);
            for (int i = 0; i < 20; i++) {
                estimator.tracker().next(first, i * 33L);
                estimator.estimateImage(first);
            }
            estimator.timings().reset();
            grabber.setTimestamp(0);
            long frames = 0;
            long withPose = 0;
            long decodeNanos = 0;
            long start = System.nanoTime();
            long lastTimeMs = -1;
            while (frames < maxFrames) {
                long t0 = System.nanoTime();
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    break;
                }
                RgbImage img = RgbImage.fromFrame(frame, RgbImage.ChannelOrder.RGB);
                long timeMs = Math.max(lastTimeMs + 1, frame.timestamp / 1000L);
                lastTimeMs = timeMs;
                decodeNanos += System.nanoTime() - t0;
                List<PersonPose> poses = tracker.next(img, timeMs);
                if (!poses.isEmpty()) {
                    withPose++;
                }
                frames++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(frames, withPose, seconds, decodeNanos, estimator.timings().copy(), w, h);
        }
    }
}
