package com.skillmirror.cli;

import com.skillmirror.analysis.StepNames;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.pose.PoseModels;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadService;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * `skillmirror bench job [--loop N] [--ratios] VIDEO...`: the whole analysis job on the embedded default, with the wall time of
 * each step, the pose step's analysed frames/s, the peak heap and the process's peak resident memory (RSS), and
 * videos/minute. --loop N first plays a short clip N times into one long clip (re-encoded), to measure e.g. a 60 s
 * clip from a real 8 s one. Run it with SKILLMIRROR_JAVA_OPTS=-Xmx512m to check the worker memory budget; with many
 * videos, the memory in use after each collection at every quarter of the run shows whether it stays flat.
 * --ratios first times a single-thread pose pass over the first video (as bench pose does) and prints the job's
 * ratios against it and against the landmark model's bare rate (issue 12's goals).
 */
final class JobBenchmark {

    private JobBenchmark() {
    }

    static int run(String[] args, ConfigurableApplicationContext context, PrintStream out) throws Exception {
        int loop = 1;
        boolean ratios = false;
        List<Path> videos = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--ratios")) {
                ratios = true;
            } else if (args[i].equals("--loop")) {
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
        // the reference for the job's ratios, in the same run: bench pose's single-thread pass over the first video
        PoseBenchmark.Result single = ratios ? PoseBenchmark.measure(loop > 1 ? looped(videos.get(0), loop) : videos.get(0),
                PoseModels.resolve(), PoseOptions.defaults(), Long.MAX_VALUE) : null;
        UploadService.Created upload = context.getBean(UploadService.class).create(files);
        HeapSampler heap = new HeapSampler();
        heap.start();
        CpuTimes cpuBefore = CpuTimes.now();
        long start = System.nanoTime();
        JobExecution execution = context.getBean(AnalysisLauncher.class).run(upload.uploadId());
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        CpuTimes cpuAfter = CpuTimes.now();
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
        if (single != null) {
            printRatios(out, single, total, poseFrames, poseWall, files.size());
        }
        out.printf(Locale.ROOT, "%d videos: %.2f videos/minute%n", files.size(), files.size() * 60_000.0 / total.toMillis());
        if (cpuBefore.machineTicks() > 0) {
            out.printf(Locale.ROOT, "CPUs busy %.0f %% of the job's wall time (all %d cores of the machine, /proc/stat;"
                    + " this JVM alone %.0f %%, the rest is mostly the embedded PostgreSQL)%n",
                    100 * cpuAfter.busyShareSince(cpuBefore), Runtime.getRuntime().availableProcessors(),
                    100.0 * (cpuAfter.processNanos() - cpuBefore.processNanos())
                            / (total.toNanos() * (double) Runtime.getRuntime().availableProcessors()));
        }
        out.printf(Locale.ROOT, "peak heap in use %d MB (max heap %d MB); peak RSS %d MB (the JVM process, native"
                + " buffers and models included)%n", heap.peak >> 20, Runtime.getRuntime().maxMemory() >> 20,
                peakResidentKb() >> 10);
        out.printf(Locale.ROOT, "heap in use after the last collection, at each quarter of the run: %s MB%n",
                heap.afterCollectionByQuarter());
        return execution.getStatus().isUnsuccessful() ? 1 : 0;
    }

    /**
     * Issue 12's goals as ratios of this run: the whole job against one single-thread pose pass of the (first) video,
     * and the pose step's rate against the landmark model's bare rate (its time per run alone) times the cores.
     */
    private static void printRatios(PrintStream out, PoseBenchmark.Result single, Duration job, long poseFrames,
                                    Duration poseWall, int videoCount) {
        double landmarkMs = single.pose().landmarkNanos() / 1e6 / Math.max(1, single.pose().landmarkRuns());
        double bareRate = 1000 / landmarkMs;
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "single-thread pose pass of the first video (bench pose, this run): %.1f s = %.1f frames/s;"
                + " landmark model alone %.2f ms a run = %.1f runs/s%n", single.seconds(), single.framesPerSecond(),
                landmarkMs, bareRate);
        if (videoCount == 1) {
            out.printf(Locale.ROOT, "whole job / single-thread pose pass = %.2f (goal <= 0.75; the JVM's start and the"
                    + " context are outside the job)%n", job.toMillis() / 1000.0 / single.seconds());
        }
        if (!poseWall.isZero()) {
            double rate = poseFrames * 1000.0 / poseWall.toMillis();
            out.printf(Locale.ROOT, "pose step %.1f frames/s = %.2f x %d cores x the model's bare rate (goal >= 0.9);"
                    + " = %.2f x %d cores x the single-thread pass%n", rate, rate / (cores * bareRate), cores,
                    rate / (cores * single.framesPerSecond()), cores);
        }
    }

    /**
     * The machine's CPU time from /proc/stat's first line (jiffies: all, and busy = all but idle and iowait), and this
     * process's CPU time; zero ticks where there is no procfs.
     */
    record CpuTimes(long machineTicks, long busyTicks, long processNanos) {

        static CpuTimes now() {
            long process = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
            try {
                return parse(Files.readAllLines(Path.of("/proc/stat")).get(0), process);
            } catch (IOException | RuntimeException e) {
                return new CpuTimes(0, 0, process);
            }
        }

        /** "cpu  user nice system idle iowait irq softirq steal ...". */
        static CpuTimes parse(String cpuLine, long processNanos) {
            String[] fields = cpuLine.trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                all += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
            return new CpuTimes(all, all - idle, processNanos);
        }

        double busyShareSince(CpuTimes before) {
            long all = machineTicks - before.machineTicks;
            return all <= 0 ? 0 : (busyTicks - before.busyTicks) / (double) all;
        }
    }

    /** VmHWM of /proc/self/status: the most resident memory the process has had (0 where there is no procfs). */
    private static long peakResidentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: the heap figures still stand
        }
        return 0;
    }

    /**
     * Samples the heap in use every 50 ms (the pools' own peaks happen at different times and do not add up), and
     * what the collected pools held after their last collection, which is what a leak makes grow.
     */
    private static final class HeapSampler extends Thread {
        volatile long peak;
        private final List<Long> afterCollection = Collections.synchronizedList(new ArrayList<>());

        String afterCollectionByQuarter() {
            List<Long> samples = List.copyOf(afterCollection);
            if (samples.isEmpty()) {
                return "(no collection)";
            }
            List<String> quarters = new ArrayList<>();
            for (int q = 1; q <= 4; q++) {
                quarters.add(String.valueOf(samples.get(Math.max(0, samples.size() * q / 4 - 1)) >> 20));
            }
            return String.join(" / ", quarters);
        }

        private static long usedAfterLastCollection() {
            long used = 0;
            for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getCollectionUsage() != null) {
                    used += pool.getCollectionUsage().getUsed();
                }
            }
            return used;
        }

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            long sampled = 0;
            while (!isInterrupted()) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                if (sampled++ % 20 == 0) {
                    afterCollection.add(usedAfterLastCollection());
                }
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
