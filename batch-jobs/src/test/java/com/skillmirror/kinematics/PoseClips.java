package com.skillmirror.kinematics;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseEstimator;
import com.skillmirror.pose.PoseModels;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.pose.PoseTracker;
import com.skillmirror.pose.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Real pose series for tests: decodes a clip and runs the real BlazePose tracker on it, numbering frames the way the
 * pose step does (index = round(time x fps), time = index / fps), so a series made here lines up with the clip's
 * frames. Also mirrors a series, for symmetry checks.
 */
public final class PoseClips {

    private static PoseModels models;

    private PoseClips() {
    }

    public static synchronized PoseModels models() {
        if (models == null) {
            models = PoseModels.resolve();
        }
        return models;
    }

    /** One decoded frame after the optional transform (crop/scale), with its index and time. */
    public record Decoded(int index, long timeMs, RgbImage image) {
    }

    /**
     * Decodes frames from {@code startMs} (at most {@code maxFrames}), each passed through {@code transform}; indexed
     * like the pose step's proxy reader: index = round(timestamp x fps), time = index / fps.
     */
    public static List<Decoded> decode(Path video, long startMs, int maxFrames, UnaryOperator<RgbImage> transform)
            throws Exception {
        List<Decoded> out = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            double fps = grabber.getFrameRate();
            if (startMs > 0) {
                grabber.setTimestamp(startMs * 1000L);
            }
            Frame frame;
            while (out.size() < maxFrames && (frame = grabber.grabImage()) != null) {
                if (frame.timestamp / 1000L < startMs) {
                    continue;
                }
                int index = (int) Math.round(frame.timestamp * fps / 1_000_000.0);
                out.add(new Decoded(index, Math.round(index * 1000.0 / fps),
                        transform.apply(RgbImage.fromFrame(frame, RgbImage.ChannelOrder.RGB))));
            }
        }
        return out;
    }

    /** Tracks the decoded frames with the real pose engine. */
    public static PoseSeries track(List<Decoded> frames, double fps, PoseOptions options) {
        List<PoseFrame> out = new ArrayList<>();
        try (PoseEstimator estimator = new PoseEstimator(models(), options)) {
            PoseTracker tracker = estimator.tracker();
            for (Decoded d : frames) {
                out.add(new PoseFrame(d.index(), d.timeMs(), tracker.next(d.image(), d.timeMs())));
            }
        }
        RgbImage first = frames.get(0).image();
        return new PoseSeries(options.model().name().toLowerCase(java.util.Locale.ROOT), fps, first.width(),
                first.height(), out);
    }

    /** A whole clip, tracked frame by frame. */
    public static PoseSeries trackClip(Path video, PoseOptions options) throws Exception {
        double fps;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            fps = grabber.getFrameRate();
        }
        return track(decode(video, 0, Integer.MAX_VALUE, UnaryOperator.identity()), fps, options);
    }

    /** The vtest walker (crop 480x320+150+256 from 60 s, scaled 2x; see shared/media/README.md), 10 fps. */
    public static List<Decoded> vtestWalker(Path vtest, int maxFrames) throws Exception {
        return decode(vtest, 60_000, maxFrames, img -> img.crop(150, 256, 480, 320).resize(960, 640));
    }

    /** A still image as a one-frame series. */
    public static PoseSeries image(Path image, PoseOptions options) throws Exception {
        RgbImage img = RgbImage.read(image);
        try (PoseEstimator estimator = new PoseEstimator(models(), options)) {
            List<PersonPose> people = estimator.estimateImage(img);
            return new PoseSeries(options.model().name().toLowerCase(java.util.Locale.ROOT), 1, img.width(),
                    img.height(), List.of(new PoseFrame(0, 0, people)));
        }
    }

    /**
     * The series of the mirrored video: image x → 1 - x, world x → -x, and each left landmark swapped with its
     * right partner (a mirrored left arm looks like a right arm).
     */
    public static PoseSeries mirror(PoseSeries series) {
        List<PoseFrame> frames = new ArrayList<>();
        for (PoseFrame f : series.frames()) {
            List<PersonPose> people = new ArrayList<>();
            for (PersonPose p : f.people()) {
                people.add(new PersonPose(p.id(), p.score(), mirror(p.landmarks(), 1), mirror(p.worldLandmarks(), 0),
                        p.box()));
            }
            frames.add(new PoseFrame(f.index(), f.timeMs(), people));
        }
        return new PoseSeries(series.model(), series.fps(), series.width(), series.height(), frames);
    }

    private static List<Landmark> mirror(List<Landmark> lms, float axisTimesTwo) {
        List<Landmark> out = new ArrayList<>(lms);
        for (BodyLandmark b : BodyLandmark.values()) {
            Landmark l = lms.get(b.mirror().index());
            out.set(b.index(), new Landmark(axisTimesTwo - l.x(), l.y(), l.z(), l.visibility(), l.presence()));
        }
        return out;
    }
}
