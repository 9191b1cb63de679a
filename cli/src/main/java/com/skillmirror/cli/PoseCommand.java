package com.skillmirror.cli;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.pose.PoseEstimator;
import com.skillmirror.landmarks.PoseModel;
import com.skillmirror.pose.PoseModels;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.pose.PoseTracker;
import com.skillmirror.pose.RgbImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * `skillmirror pose [--model lite|full|heavy] [--fps N] [--people N] IMAGE|VIDEO`: landmarks as JSON on stdout,
 * normalised like MediaPipe's; progress on stderr. A still image is one frame, detected on its own.
 */
final class PoseCommand {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff");
    private static final int MAX_SHORT_SIDE = 720;

    private PoseCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        PoseOptions options = PoseOptions.defaults();
        double fps = 30;
        Path input = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> options = options.withModel(model(value(args, ++i, "--model")));
                case "--fps" -> fps = positive(value(args, ++i, "--fps"), "--fps");
                case "--people" -> options = options.withMaxPeople((int) positive(value(args, ++i, "--people"), "--people"));
                default -> {
                    if (args[i].startsWith("--") || input != null) {
                        throw new Cli.UsageException("unexpected argument " + args[i]);
                    }
                    input = Path.of(args[i]);
                }
            }
        }
        if (input == null || !Files.isRegularFile(input)) {
            throw new Cli.UsageException(input == null ? "give an image or a video" : "no such file: " + input);
        }
        JsonMapper json = JsonMapper.builder().build();
        try (PoseEstimator estimator = new PoseEstimator(PoseModels.resolve(), options);
             JsonGenerator gen = json.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringProperty("model", options.model().name().toLowerCase(Locale.ROOT));
            gen.writeName("frames");
            gen.writeStartArray();
            if (isImage(input)) {
                writeFrame(gen, 0, 0, estimator.estimateImage(RgbImage.read(input)));
            } else {
                poseVideo(input, estimator, fps, gen, err);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        out.println();
        return 0;
    }

    private static void poseVideo(Path video, PoseEstimator estimator, double maxFps, JsonGenerator gen, PrintStream err)
            throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            if (!grabber.hasVideo()) {
                throw new Cli.UsageException(video + " has no video track");
            }
            double sourceFps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 30;
            int stride = (int) Math.max(1, Math.ceil(sourceFps / maxFps - 1e-6));
            long total = Math.max(1, grabber.getLengthInVideoFrames());
            PoseTracker tracker = estimator.tracker();
            int index = 0;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (index % stride == 0) {
                    RgbImage image = downscale(RgbImage.fromFrame(frame, RgbImage.ChannelOrder.RGB));
                    long timeMs = grabber.getTimestamp() / 1000;
                    writeFrame(gen, index / stride, timeMs, tracker.next(image, timeMs));
                }
                if (++index % 30 == 0) {
                    err.printf(Locale.ROOT, "\rpose: %d/%d frames", index, total);
                }
            }
            err.printf(Locale.ROOT, "\rpose: %d frames done%n", index);
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new Cli.UsageException("cannot read " + video + " as a video: " + e.getMessage());
        }
    }

    private static RgbImage downscale(RgbImage image) {
        int shortSide = Math.min(image.width(), image.height());
        if (shortSide <= MAX_SHORT_SIDE) {
            return image;
        }
        double scale = MAX_SHORT_SIDE / (double) shortSide;
        return image.resize((int) Math.round(image.width() * scale), (int) Math.round(image.height() * scale));
    }

    private static void writeFrame(JsonGenerator gen, int index, long timeMs, List<PersonPose> people) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("index", index);
        frame.put("timeMs", timeMs);
        List<Map<String, Object>> list = new ArrayList<>();
        for (PersonPose p : people) {
            Map<String, Object> person = new LinkedHashMap<>();
            person.put("id", p.id());
            person.put("score", p.score());
            person.put("landmarks", rows(p.landmarks()));
            person.put("worldLandmarks", rows(p.worldLandmarks()));
            list.add(person);
        }
        frame.put("people", list);
        gen.writePOJO(frame);
    }

    private static List<float[]> rows(List<Landmark> landmarks) {
        return landmarks.stream().map(l -> new float[] {l.x(), l.y(), l.z(), l.visibility()}).toList();
    }

    private static boolean isImage(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static PoseModel model(String name) {
        try {
            return PoseModel.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException("--model must be lite, full or heavy");
        }
    }

    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new Cli.UsageException(option + " needs a value");
        }
        return args[i];
    }

    static double positive(String text, String option) {
        try {
            double v = Double.parseDouble(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Cli.UsageException(option + " needs a positive number, got " + text);
    }
}
