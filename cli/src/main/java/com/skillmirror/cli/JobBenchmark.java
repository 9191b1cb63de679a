package com.skillmirror.cli;

import com.skillmirror.analysis.StepNames;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * `skillmirror bench job [--loop N] VIDEO...`: the whole analysis job on the embedded default, with the wall time of
 * each step, the pose step's analysed frames/s and the peak heap. --loop N first plays a short clip N times into
 * one long clip (re-encoded), to measure e.g. a 60 s clip from a real 8 s one. Run it with
 * SKILLMIRROR_JAVA_OPTS=-Xmx512m to check the worker memory budget.
 */
final class JobBenchmark {

    private JobBenchmark() {
    }

    static int run(String[] args, ConfigurableApplicationContext context, PrintStream out) throws Exception {
        int loop = 1;
        List<Path> videos = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--loop")) {
                loop = (int) PoseCommand.positive(PoseCommand.value(args, ++i, "--loop"), "--loop");
            } else {
                videos.add(Path.of(args[i]));
            }
        }
        if (videos.isEmpty()) {
            throw new Cli.UsageException("bench job needs at least one video");
        }
        List<IncomingFile> files = new ArrayList<>();
        for (Path video : videos) {
            Path input = loop > 1 ? looped(video, loop) : video;
            files.add(new IncomingFile(input.getFileName().toString(), Files.size(input), () -> Files.newInputStream(input),
                    null, null));
        }
        UploadService.Created upload = context.getBean(UploadService.class).create(files);
        HeapSampler heap = new HeapSampler();
        heap.start();
        long start = System.nanoTime();
        JobExecution execution = context.getBean(AnalysisLauncher.class).run(upload.uploadId());
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        heap.interrupt();

        out.printf(Locale.ROOT, "job %s in %.1f s%n", execution.getStatus(), total.toMillis() / 1000.0);
        long poseFrames = 0;
        Duration poseWall = Duration.ZERO;
        for (StepExecution step : execution.getStepExecutions()) {
            Duration wall = Duration.between(step.getStartTime(), step.getEndTime());
            if (!step.getStepName().contains(":")) {
                out.printf(Locale.ROOT, "  %-14s %7.1f s%n", step.getStepName(), wall.toMillis() / 1000.0);
            }
            if (step.getStepName().equals(StepNames.POSE)) {
                poseWall = wall;
            }
            if (step.getStepName().startsWith(StepNames.POSE_WORKER + ":")) {
                poseFrames += step.getWriteCount();
            }
        }
        if (!poseWall.isZero()) {
            out.printf(Locale.ROOT, "pose step: %d frames in %.1f s = %.1f analysed frames/s (all partitions together)%n",
                    poseFrames, poseWall.toMillis() / 1000.0, poseFrames * 1000.0 / poseWall.toMillis());
        }
        out.printf(Locale.ROOT, "peak heap in use %d MB (max heap %d MB)%n", heap.peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        return execution.getStatus().isUnsuccessful() ? 1 : 0;
    }

    /** Samples the heap in use every 50 ms: the pools' own peaks happen at different times and do not add up. */
    private static final class HeapSampler extends Thread {
        volatile long peak;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!isInterrupted()) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The clip played n times in a row, as one H.264 file with continuous timestamps. */
    private static Path looped(Path video, int times) throws Exception {
        Path target = Files.createTempFile("skillmirror-bench-", ".mp4");
        try (FFmpegFrameGrabber probe = new FFmpegFrameGrabber(video.toFile())) {
            probe.start();
            double fps = probe.getFrameRate();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), probe.getImageWidth(),
                    probe.getImageHeight(), 0)) {
                recorder.setFormat("mp4");
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                recorder.setVideoCodecName("libopenh264");
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(fps);
                recorder.setVideoBitrate(probe.getImageWidth() * probe.getImageHeight() * 4);
                recorder.start();
                long frameIndex = 0;
                for (int t = 0; t < times; t++) {
                    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
                        grabber.start();
                        Frame frame;
                        while ((frame = grabber.grabImage()) != null) {
                            frame.timestamp = Math.round(frameIndex++ * 1_000_000 / fps);
                            recorder.record(frame);
                        }
                    }
                }
                recorder.stop();
            }
        }
        return target;
    }
}
