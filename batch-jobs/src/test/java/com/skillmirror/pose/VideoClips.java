package com.skillmirror.pose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** Decodes test clips into RGB frames (with their times). */
final class VideoClips {

    record TimedImage(RgbImage image, long timeMs) {
    }

    private VideoClips() {
    }

    /**
     * Frames from {@code startMs}, at most {@code maxFrames}, each cropped to (x, y, w, h) and resized to
     * (outW, outH) on raw arrays; times relative to the first frame.
     */
    static List<TimedImage> read(Path video, long startMs, int maxFrames, int x, int y, int w, int h, int outW, int outH)
            throws Exception {
        List<TimedImage> out = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            if (startMs > 0) {
                grabber.setTimestamp(startMs * 1000L);
            }
            long first = -1;
            Frame frame;
            while (out.size() < maxFrames && (frame = grabber.grabImage()) != null) {
                long t = frame.timestamp / 1000L;
                if (t < startMs) {
                    continue;
                }
                if (first < 0) {
                    first = t;
                }
                RgbImage img = RgbImage.fromFrame(frame, RgbImage.ChannelOrder.RGB);
                if (w > 0) {
                    img = img.crop(x, y, w, h);
                }
                if (outW > 0 && (outW != img.width() || outH != img.height())) {
                    img = img.resize(outW, outH);
                }
                out.add(new TimedImage(img, t - first));
            }
        }
        return out;
    }

    /** The vtest walker: crop 480x320+150+256 from t = 60 s, scaled 2x (see shared/media/README.md). */
    static List<TimedImage> vtestWalker(Path vtest, int maxFrames) throws Exception {
        return read(vtest, 60_000, maxFrames, 150, 256, 480, 320, 960, 640);
    }
}
