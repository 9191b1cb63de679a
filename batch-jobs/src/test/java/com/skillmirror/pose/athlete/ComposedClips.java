package com.skillmirror.pose.athlete;

import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseEstimator;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.pose.PoseTracker;
import com.skillmirror.pose.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Clips composed from real footage in memory, frame by frame (no re-encoding): a walker beside a still bystander, a
 * walker with a cut to another scene and back. Tracked like the pose stage does it: the real tracker, appearances
 * measured from the same frames.
 */
final class ComposedClips {

    static final double FPS = 10;

    private ComposedClips() {
    }

    /** A tracked clip: the series as the tracker made it and the appearances the pose stage stores beside it. */
    record Tracked(PoseSeries series, AppearanceTable appearances, List<RgbImage> frames) {
    }

    static Tracked track(List<RgbImage> frames, PoseOptions options) {
        List<PoseFrame> out = new ArrayList<>();
        AppearanceTable table = new AppearanceTable();
        try (PoseEstimator estimator = new PoseEstimator(PoseClips.models(), options)) {
            PoseTracker tracker = estimator.tracker();
            for (int i = 0; i < frames.size(); i++) {
                RgbImage img = frames.get(i);
                long timeMs = Math.round(i * 1000 / FPS);
                PoseFrame frame = new PoseFrame(i, timeMs, tracker.next(img, timeMs));
                table.measure(i, img.rgb(), img.width(), img.height(), frame.people());
                out.add(frame);
            }
        }
        RgbImage first = frames.get(0);
        return new Tracked(new PoseSeries("full", FPS, first.width(), first.height(), out), table, frames);
    }

    /** {@code src} copied into {@code dst} with its top left at (x, y); the part outside is dropped. */
    static RgbImage paste(RgbImage dst, RgbImage src, int x, int y) {
        byte[] out = dst.rgb().clone();
        for (int row = 0; row < src.height(); row++) {
            int ty = y + row;
            if (ty < 0 || ty >= dst.height()) {
                continue;
            }
            for (int col = 0; col < src.width(); col++) {
                int tx = x + col;
                if (tx < 0 || tx >= dst.width()) {
                    continue;
                }
                System.arraycopy(src.rgb(), (row * src.width() + col) * 3, out, (ty * dst.width() + tx) * 3, 3);
            }
        }
        return new RgbImage(dst.width(), dst.height(), out);
    }

    static RgbImage blank(int width, int height, int grey) {
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) grey);
        return new RgbImage(width, height, rgb);
    }
}
