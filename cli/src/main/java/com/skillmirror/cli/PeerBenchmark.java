package com.skillmirror.cli;

import com.skillmirror.cli.Cli.UsageException;
import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.pose.PoseEstimator;
import com.skillmirror.pose.PoseModels;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.pose.PoseTracker;
import com.skillmirror.pose.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * `skillmirror bench peer VIDEO [--frames N] [--rounds R] [--out FILE] [--script PATH]`: ours against MediaPipe's
 * current pose runtime on the same decoded frames.
 *
 * <p>Decodes up to N frames once (FFmpeg to RGB24, at most 720 lines, as {@code bench pose}) into a temporary
 * {@code frames.rgb}; then, in alternating rounds (ours, MediaPipe, ours, MediaPipe, ...) so that the machine's
 * load falls on both alike, runs (a) our {@link PoseTracker} single-threaded (the {@code bench pose} path: full model,
 * one person, smoothing on) and (b) {@code scripts/peer-bench/mediapipe-peer.sh}: npm {@code @mediapipe/tasks-vision}
 * PoseLandmarker, CPU delegate (WASM + XNNPACK, single-threaded), VIDEO mode, full model, in headless Chromium.
 * On both sides only the pose call is timed (reading a frame is not), after a warm-up (20 calls on the first frame,
 * then a pass over the first 30 frames). Prints
 * the median frames/s of each side, the ratio ours/MediaPipe (per core: both run on one thread), and the landmark
 * agreement with the pose stage's parity measure (mean landmark distance over MediaPipe's landmark box's larger
 * side); writes all of it as JSON. Not a unit test.
 */
final class PeerBenchmark {

    static final int MAX_FRAMES = 2000;
    static final int MAX_ROUNDS = 15;
    static final long MAX_FRAME_BYTES = 4L << 30;
    /** Frames of the warm-up pass on each side (as the page's {@code warmpass}). */
    static final int WARMUP_PASS = 30;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PeerBenchmark() {
    }

    record Options(Path video, int frames, int rounds, Path out, Path script) {

        static Options parse(String[] args) {
            Path video = null;
            int frames = 300;
            int rounds = 3;
            Path out = null;
            Path script = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--frames" -> frames = bounded(PoseCommand.value(args, ++i, "--frames"), "--frames", MAX_FRAMES);
                    case "--rounds" -> rounds = bounded(PoseCommand.value(args, ++i, "--rounds"), "--rounds", MAX_ROUNDS);
                    case "--out" -> out = Path.of(PoseCommand.value(args, ++i, "--out"));
                    case "--script" -> script = Path.of(PoseCommand.value(args, ++i, "--script"));
                    default -> {
                        if (args[i].startsWith("--") || video != null) {
                            throw new UsageException("bench peer: unknown option " + args[i]);
                        }
                        video = Path.of(args[i]);
                    }
                }
            }
            if (video == null) {
                throw new UsageException("bench peer needs a video");
            }
            return new Options(video, frames, rounds, out, script);
        }

        private static int bounded(String text, String option, int max) {
            double v = PoseCommand.positive(text, option);
            if (v != Math.rint(v) || v > max) {
                throw new UsageException(option + " must be a whole number from 1 to " + max);
            }
            return (int) v;
        }
    }

    /** One side's pass: the time of each frame's pose call and the main person's 33 landmarks (null: nobody). */
    record Pass(double[] millis, double[][][] landmarks) {

        double framesPerSecond() {
            return millis.length / (Arrays.stream(millis).sum() / 1000);
        }

        long withPose() {
            return Arrays.stream(landmarks).filter(l -> l != null).count();
        }

        /** Frames/s over the frames where both this pass and {@code other} found somebody (NaN: no such frame). */
        double framesPerSecondWhereBoth(Pass other) {
            double ms = 0;
            int n = 0;
            for (int i = 0; i < millis.length; i++) {
                if (landmarks[i] != null && other.landmarks()[i] != null) {
                    ms += millis[i];
                    n++;
                }
            }
            return n == 0 ? Double.NaN : n / (ms / 1000);
        }
    }

    /** Landmark agreement of ours with MediaPipe's over the frames where MediaPipe found somebody. */
    record Agreement(int compared, int missedByUs, int extraOfOurs, double mean, double median, double p90,
                     double max, double meanVisible) {
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Options o = Options.parse(args);
        if (!Files.isRegularFile(o.video())) {
            throw new UsageException("no such video: " + o.video());
        }
        Path script = o.script() != null ? o.script() : defaultScript();
        if (!Files.isRegularFile(script)) {
            throw new UsageException("no MediaPipe peer script at " + script + " (give --script PATH)");
        }
        Path dir = Files.createTempDirectory("skillmirror-peer-");
        // frames.rgb holds every frame: at most MAX_FRAME_BYTES in all, checked before decoding
        try {
            Decoded frames = decode(o.video(), dir, o.frames());
            String cpu = cpuModel(command("lscpu"));
            out.printf(Locale.ROOT, "peer benchmark: %s, %d frames %dx%d, %d rounds (ours, MediaPipe alternating)%n"
                    + "  cpu: %s, %d cores; load before: %s%n", o.video(), frames.count(), frames.width(),
                    frames.height(), o.rounds(), cpu, Runtime.getRuntime().availableProcessors(), loadAverage());
            PoseOptions options = PoseOptions.defaults().withNumThreads(1);
            List<Double> oursFps = new ArrayList<>();
            List<Double> peerFps = new ArrayList<>();
            List<Double> oursBothFps = new ArrayList<>();
            List<Double> peerBothFps = new ArrayList<>();
            Pass ours = null;
            Pass peer = null;
            JsonNode peerInfo = null;
            try (PoseEstimator estimator = new PoseEstimator(PoseModels.resolve(), options)) {
                // warm-up, not timed (JIT, XNNPACK packing of both models): 20 calls on the first frame, then a
                // pass over the first WARMUP_PASS frames so that the landmark model runs too when nobody is in frame 0
                RgbImage first = frames.read(0);
                for (int i = 0; i < 20; i++) {
                    estimator.tracker().next(first, i * 33L);
                }
                PoseTracker warm = estimator.tracker();
                for (int i = 0; i < Math.min(WARMUP_PASS, frames.count()); i++) {
                    warm.next(frames.read(i), frames.timestampsMs()[i]);
                }
                for (int r = 1; r <= o.rounds(); r++) {
                    ours = ours(estimator.tracker(), frames);
                    oursFps.add(ours.framesPerSecond());
                    out.printf(Locale.ROOT, "  round %d ours:      %.2f frames/s (%d with a pose)%n", r,
                            ours.framesPerSecond(), ours.withPose());
                    Path result = dir.resolve("mediapipe-" + r + ".json");
                    peerInfo = mediapipe(script, dir, result);
                    peer = parsePass(peerInfo, frames.count());
                    peerFps.add(peer.framesPerSecond());
                    out.printf(Locale.ROOT, "  round %d MediaPipe: %.2f frames/s (%d with a pose)%n", r,
                            peer.framesPerSecond(), peer.withPose());
                    oursBothFps.add(ours.framesPerSecondWhereBoth(peer));
                    peerBothFps.add(peer.framesPerSecondWhereBoth(ours));
                }
            }
            double oursMedian = median(oursFps.stream().mapToDouble(Double::doubleValue).toArray());
            double peerMedian = median(peerFps.stream().mapToDouble(Double::doubleValue).toArray());
            double oursBoth = median(oursBothFps.stream().mapToDouble(Double::doubleValue).toArray());
            double peerBoth = median(peerBothFps.stream().mapToDouble(Double::doubleValue).toArray());
            Agreement agreement = agreement(peer, ours, frames.width(), frames.height());
            String load = loadAverage();
            out.printf(Locale.ROOT, "ours (Java, TFLite XNNPACK, 1 thread):                   %.2f frames/s (median)%n"
                    + "MediaPipe (tasks-vision %s, WASM XNNPACK, 1 thread): %.2f frames/s (median)%n"
                    + "ratio ours/MediaPipe per core: %.2f (all frames); %.2f on the frames where both found a pose"
                    + " (ours %.2f, MediaPipe %.2f frames/s)%n"
                    + "landmarks vs MediaPipe (mean distance / larger side of its landmark box), %d frames both found"
                    + " a pose: mean %.2f%%, median %.2f%%, p90 %.2f%%, max %.2f%%, visible landmarks mean %.2f%%;"
                    + " MediaPipe only: %d, ours only: %d%n"
                    + "load after: %s%n",
                    oursMedian, peerInfo.path("version").asString("?"), peerMedian, oursMedian / peerMedian,
                    oursBoth / peerBoth, oursBoth, peerBoth,
                    agreement.compared(), 100 * agreement.mean(), 100 * agreement.median(), 100 * agreement.p90(),
                    100 * agreement.max(), 100 * agreement.meanVisible(), agreement.missedByUs(),
                    agreement.extraOfOurs(), load);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("video", o.video().toString());
            report.put("frames", frames.count());
            report.put("width", frames.width());
            report.put("height", frames.height());
            report.put("rounds", o.rounds());
            report.put("cpu", cpu);
            report.put("cores", Runtime.getRuntime().availableProcessors());
            report.put("loadAfter", load);
            report.put("oursFramesPerSecond", oursFps);
            report.put("mediapipeFramesPerSecond", peerFps);
            report.put("oursMedian", oursMedian);
            report.put("mediapipeMedian", peerMedian);
            report.put("ratioPerCore", oursMedian / peerMedian);
            report.put("oursFramesPerSecondWhereBothFoundAPose", oursBothFps);
            report.put("mediapipeFramesPerSecondWhereBothFoundAPose", peerBothFps);
            report.put("ratioPerCoreWhereBothFoundAPose", oursBoth / peerBoth);
            report.put("oursFramesWithPose", ours.withPose());
            report.put("mediapipeFramesWithPose", peer.withPose());
            report.put("agreement", agreement);
            report.put("ours", Map.of("runtime", "SkillMirror PoseTracker (TFLite + XNNPACK, Java)",
                    "model", options.model().toString(), "threads", 1, "smoothing", options.smoothing()));
            Map<String, Object> mp = new LinkedHashMap<>();
            for (String key : List.of("runtime", "version", "delegate", "runningMode", "model", "wasm", "userAgent",
                    "webgl", "crossOriginIsolated", "initMs")) {
                if (peerInfo.has(key)) {
                    mp.put(key, JSON.treeToValue(peerInfo.get(key), Object.class));
                }
            }
            report.put("mediapipe", mp);
            report.put("perFrame", perFrame(peer, ours, frames.width(), frames.height()));
            Path target = o.out() != null ? o.out() : defaultOut();
            Files.createDirectories(target.toAbsolutePath().getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), report);
            out.println("result: " + target);
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The decoded frames in {@code frames.rgb}, with their timestamps (ms from the first frame). */
    record Decoded(Path file, int width, int height, long[] timestampsMs) {

        int count() {
            return timestampsMs.length;
        }

        RgbImage read(int i) throws IOException {
            byte[] rgb = new byte[width * height * 3];
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                f.seek((long) i * rgb.length);
                f.readFully(rgb);
            }
            return new RgbImage(width, height, rgb);
        }
    }

    private static Decoded decode(Path video, Path dir, int maxFrames) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
        Path file = dir.resolve("frames.rgb");
        List<Long> times = new ArrayList<>();
        int w;
        int h;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OutputStream os = Files.newOutputStream(file)) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            w = grabber.getImageWidth();
            h = grabber.getImageHeight();
            if (h > 720) {
                grabber.stop();
                int nw = (int) Math.round(w * 720.0 / h) & ~1;
                grabber.setImageWidth(nw);
                grabber.setImageHeight(720);
                grabber.start();
                w = nw;
                h = 720;
            }
            if ((long) w * h * 3 * maxFrames > MAX_FRAME_BYTES) {
                throw new UsageException(String.format(Locale.ROOT, "bench peer: %d frames of %dx%d need %.1f GiB;"
                        + " at most %d GiB: give fewer --frames", maxFrames, w, h, w * h * 3.0 * maxFrames / (1L << 30),
                        MAX_FRAME_BYTES >> 30));
            }
            long first = Long.MIN_VALUE;
            long last = -1;
            while (times.size() < maxFrames) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    break;
                }
                RgbImage img = RgbImage.fromFrame(frame, RgbImage.ChannelOrder.RGB);
                if (first == Long.MIN_VALUE) {
                    first = frame.timestamp / 1000L;
                }
                long t = Math.max(last + 1, frame.timestamp / 1000L - first);
                last = t;
                times.add(t);
                os.write(img.rgb());
            }
        }
        if (times.isEmpty()) {
            throw new IllegalStateException("No video frames in " + video);
        }
        long[] ts = times.stream().mapToLong(Long::longValue).toArray();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", w);
        meta.put("height", h);
        meta.put("frames", ts.length);
        meta.put("timestampsMs", ts);
        JSON.writeValue(dir.resolve("meta.json").toFile(), meta);
        return new Decoded(file, w, h, ts);
    }

    private static Pass ours(PoseTracker tracker, Decoded frames) throws IOException {
        double[] millis = new double[frames.count()];
        double[][][] landmarks = new double[frames.count()][][];
        for (int i = 0; i < frames.count(); i++) {
            RgbImage img = frames.read(i);
            long t0 = System.nanoTime();
            List<PersonPose> poses = tracker.next(img, frames.timestampsMs()[i]);
            millis[i] = (System.nanoTime() - t0) / 1e6;
            if (!poses.isEmpty()) {
                List<Landmark> l = poses.get(0).landmarks();
                double[][] p = new double[33][];
                for (int k = 0; k < 33; k++) {
                    p[k] = new double[] {l.get(k).x(), l.get(k).y(), l.get(k).z(), l.get(k).visibility()};
                }
                landmarks[i] = p;
            }
        }
        return new Pass(millis, landmarks);
    }

    private static JsonNode mediapipe(Path script, Path dir, Path result) throws Exception {
        Process p = new ProcessBuilder("bash", script.toString(), dir.toString(), result.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        p.getOutputStream().close();
        if (!p.waitFor(40, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            throw new IllegalStateException("MediaPipe peer did not finish in 40 minutes");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(result)) {
            throw new IllegalStateException("MediaPipe peer failed (exit " + p.exitValue() + "): see the messages above");
        }
        return JSON.readTree(result.toFile());
    }

    /** MediaPipe's pass from the page's result JSON; {@code expected} frames or it fails. */
    static Pass parsePass(JsonNode result, int expected) {
        JsonNode frames = result.path("frames");
        if (!frames.isArray() || frames.size() != expected) {
            throw new IllegalStateException("MediaPipe's result has " + frames.size() + " frames, not " + expected);
        }
        double[] millis = new double[expected];
        double[][][] landmarks = new double[expected][][];
        for (int i = 0; i < expected; i++) {
            JsonNode f = frames.get(i);
            millis[i] = f.path("ms").asDouble(Double.NaN);
            if (!(millis[i] >= 0)) {
                throw new IllegalStateException("MediaPipe's frame " + i + " has no time");
            }
            JsonNode lm = f.path("landmarks");
            if (lm.isArray() && !lm.isEmpty()) {
                if (lm.size() != 33) {
                    throw new IllegalStateException("MediaPipe's frame " + i + " has " + lm.size() + " landmarks");
                }
                double[][] p = new double[33][];
                for (int k = 0; k < 33; k++) {
                    JsonNode v = lm.get(k);
                    p[k] = new double[] {v.get(0).asDouble(), v.get(1).asDouble(), v.get(2).asDouble(),
                        v.get(3).asDouble()};
                }
                landmarks[i] = p;
            }
        }
        return new Pass(millis, landmarks);
    }

    /**
     * The pose stage's parity measure of one frame: {all landmarks, landmarks MediaPipe sees (visibility &gt; 0.5)}
     * = mean pixel distance of our 33 landmarks to MediaPipe's over the larger side of the box of MediaPipe's 33.
     */
    static double[] error(double[][] reference, double[][] ours, int width, int height) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        double sum = 0;
        double sumVisible = 0;
        int visible = 0;
        for (int i = 0; i < 33; i++) {
            double rx = reference[i][0] * width;
            double ry = reference[i][1] * height;
            x0 = Math.min(x0, rx);
            y0 = Math.min(y0, ry);
            x1 = Math.max(x1, rx);
            y1 = Math.max(y1, ry);
            double d = Math.hypot(ours[i][0] * width - rx, ours[i][1] * height - ry);
            sum += d;
            if (reference[i][3] > 0.5) {
                sumVisible += d;
                visible++;
            }
        }
        double size = Math.max(x1 - x0, y1 - y0);
        return new double[] {sum / 33 / size, visible > 0 ? sumVisible / visible / size : sum / 33 / size};
    }

    static Agreement agreement(Pass reference, Pass ours, int width, int height) {
        List<Double> all = new ArrayList<>();
        double visibleSum = 0;
        int missed = 0;
        int extra = 0;
        for (int i = 0; i < reference.landmarks().length; i++) {
            double[][] r = reference.landmarks()[i];
            double[][] p = ours.landmarks()[i];
            if (r == null) {
                extra += p != null ? 1 : 0;
            } else if (p == null) {
                missed++;
            } else {
                double[] e = error(r, p, width, height);
                all.add(e[0]);
                visibleSum += e[1];
            }
        }
        double[] e = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (e.length == 0) {
            return new Agreement(0, missed, extra, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Agreement(e.length, missed, extra, Arrays.stream(e).average().orElseThrow(), median(e),
                e[(int) Math.ceil(0.9 * e.length) - 1], e[e.length - 1], visibleSum / e.length);
    }

    /** The last round's frames: time and landmarks {x, y} (normalised) of each side, and the parity error. */
    private static List<Map<String, Object>> perFrame(Pass reference, Pass ours, int width, int height) {
        List<Map<String, Object>> frames = new ArrayList<>();
        for (int i = 0; i < reference.millis().length; i++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("oursMs", ours.millis()[i]);
            f.put("mediapipeMs", reference.millis()[i]);
            double[][] r = reference.landmarks()[i];
            double[][] p = ours.landmarks()[i];
            f.put("error", r != null && p != null ? error(r, p, width, height)[0] : null);
            f.put("ours", p == null ? List.of() : Arrays.stream(p).map(l -> new double[] {l[0], l[1]}).toList());
            f.put("mediapipe", r == null ? List.of() : Arrays.stream(r).map(l -> new double[] {l[0], l[1]}).toList());
            frames.add(f);
        }
        return frames;
    }

    /** Median (mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** {@code lscpu}'s "Model name", or "unknown". */
    static String cpuModel(String lscpu) {
        for (String line : lscpu.split("\n")) {
            if (line.startsWith("Model name:")) {
                return line.substring("Model name:".length()).trim();
            }
        }
        return "unknown";
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String text;
            try (InputStream in = p.getInputStream()) {
                text = new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
            }
            p.waitFor(30, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** scripts/peer-bench/mediapipe-peer.sh of the checkout this jar was built in, else of the working directory. */
    private static Path defaultScript() {
        Path relative = Path.of("scripts", "peer-bench", "mediapipe-peer.sh");
        try {
            Path checkout = checkout(PeerBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toString());
            if (checkout != null && Files.isRegularFile(checkout.resolve(relative))) {
                return checkout.resolve(relative);
            }
        } catch (RuntimeException e) {
            // fall through to the working directory
        }
        return relative.toAbsolutePath();
    }

    /**
     * The checkout holding {@code cli/target/X} from a code source location: {@code file:/r/cli/target/classes/},
     * {@code file:/r/cli/target/cli.jar} or Spring Boot's nested forms ({@code jar:nested:/r/cli/target/cli.jar/!BOOT-INF/classes/!/},
     * {@code jar:file:/r/cli/target/cli.jar!/BOOT-INF/classes!/}); null when it is none of these.
     */
    static Path checkout(String location) {
        String s = location;
        for (String prefix : List.of("jar:", "nested:", "file:")) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        int bang = s.indexOf('!');
        if (bang >= 0) {
            s = s.substring(0, bang);
        }
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.startsWith("/")) {
            return null;
        }
        Path target = Path.of(java.net.URLDecoder.decode(s, StandardCharsets.UTF_8)).getParent();
        if (target == null || !target.endsWith("target") || target.getParent() == null) {
            return null;
        }
        return target.getParent().getParent();
    }

    private static Path defaultOut() {
        String cache = System.getenv("SKILLMIRROR_CACHE");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "skillmirror");
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        return base.resolve("peer-bench").resolve("result-" + stamp + ".json");
    }
}
