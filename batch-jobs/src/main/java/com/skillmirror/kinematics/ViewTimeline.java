package com.skillmirror.kinematics;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The camera view of one person over time, estimated from the world landmarks (metres, camera-aligned axes): the
 * body's yaw is the direction of its right-to-left line (the mean of the shoulder line and the hip line) in the
 * ground plane, atan2(depth, across). Facing the camera that line runs along the picture's x axis; side-on it runs
 * away from the camera. The yaw is smoothed over a short window (a single frame's depth is noisy, a person does not
 * turn in a few hundredths of a second) and then classified ({@link CameraView#ofYaw}). Frames without the person
 * have no view. Made by {@link #of}; arrays returned are copies.
 */
public final class ViewTimeline {

    /** Smoothing window, seconds, centred: long enough to average out depth noise, short next to a turn. */
    static final double SMOOTHING_SEC = 0.5;

    /** A run of frames with one view. */
    public record Segment(CameraView view, int fromFrame, int toFrame, long fromMs, long toMs) {
    }

    /**
     * @param frames   frames with the person (and so a view)
     * @param shares   per view, its share of those frames (0-1), views absent are left out
     * @param dominant the most frequent view; null when the person is never seen
     */
    public record Summary(int frames, Map<CameraView, Double> shares, CameraView dominant) {

        public double share(CameraView view) {
            return shares.getOrDefault(view, 0.0);
        }

        /** The share of the frames whose view is one of these. */
        public double share(java.util.Collection<CameraView> views) {
            return views.stream().mapToDouble(this::share).sum();
        }
    }

    private final double fps;
    private final int[] frameIndex;
    private final long[] timeMs;
    private final double[] yawDeg;
    private final CameraView[] views;

    private ViewTimeline(double fps, int[] frameIndex, long[] timeMs, double[] yawDeg, CameraView[] views) {
        this.fps = fps;
        this.frameIndex = frameIndex;
        this.timeMs = timeMs;
        this.yawDeg = yawDeg;
        this.views = views;
    }

    /** The view of person {@code personId} in every frame of the series (same frame order as its kinematics). */
    public static ViewTimeline of(PoseSeries series, int personId) {
        List<PoseFrame> frames = series.frames();
        int n = frames.size();
        int[] index = new int[n];
        long[] time = new long[n];
        double[] across = new double[n];
        double[] depth = new double[n];
        for (int i = 0; i < n; i++) {
            PoseFrame f = frames.get(i);
            index[i] = f.index();
            time[i] = f.timeMs();
            PersonPose p = f.person(personId);
            double[] line = p == null ? null : rightToLeft(p.worldLandmarks());
            across[i] = line == null ? Double.NaN : line[0];
            depth[i] = line == null ? Double.NaN : line[1];
        }
        double[] yaw = smoothedYaw(across, depth, Math.max(1, (int) Math.round(SMOOTHING_SEC * series.fps() / 2)));
        CameraView[] views = new CameraView[n];
        for (int i = 0; i < n; i++) {
            views[i] = Double.isNaN(yaw[i]) ? null : CameraView.ofYaw(yaw[i]);
        }
        return new ViewTimeline(series.fps(), index, time, yaw, views);
    }

    /**
     * The body's right-to-left direction in the ground plane as {across, depth}, unit length; null when the
     * shoulders and hips are on top of each other (no direction). Mean of the shoulder and the hip line: either
     * alone turns with the arms or the stride.
     */
    static double[] rightToLeft(List<Landmark> world) {
        if (world == null || world.size() < PersonPose.LANDMARK_COUNT) {
            return null;
        }
        Landmark ls = world.get(BodyLandmark.LEFT_SHOULDER.index());
        Landmark rs = world.get(BodyLandmark.RIGHT_SHOULDER.index());
        Landmark lh = world.get(BodyLandmark.LEFT_HIP.index());
        Landmark rh = world.get(BodyLandmark.RIGHT_HIP.index());
        double x = (ls.x() - rs.x() + lh.x() - rh.x()) / 2;
        double z = (ls.z() - rs.z() + lh.z() - rh.z()) / 2;
        double len = Math.hypot(x, z);
        return len < 1e-6 ? null : new double[] {x / len, z / len};
    }

    /** Yaw per frame from the window mean of the unit direction (a circular mean: no jump at +-180). */
    private static double[] smoothedYaw(double[] across, double[] depth, int half) {
        int n = across.length;
        double[] yaw = new double[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(across[i])) {
                yaw[i] = Double.NaN;
                continue;
            }
            double sx = 0;
            double sz = 0;
            for (int k = Math.max(0, i - half); k <= Math.min(n - 1, i + half); k++) {
                if (!Double.isNaN(across[k])) {
                    sx += across[k];
                    sz += depth[k];
                }
            }
            yaw[i] = Math.toDegrees(Math.atan2(sz, sx));
        }
        return yaw;
    }

    public int size() {
        return views.length;
    }

    public double fps() {
        return fps;
    }

    /** The view in sample {@code i} (same order as the pose series' frames); null where the person is not seen. */
    public CameraView view(int i) {
        return views[i];
    }

    /** Smoothed body yaw per sample, degrees (see {@link CameraView#ofYaw}); NaN where the person is not seen. */
    public double[] yawDeg() {
        return yawDeg.clone();
    }

    /** Runs of one view, in time order (frames without the person end a run and belong to none). */
    public List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        int i = 0;
        while (i < views.length) {
            if (views[i] == null) {
                i++;
                continue;
            }
            int start = i;
            while (i < views.length && views[i] == views[start]) {
                i++;
            }
            out.add(new Segment(views[start], frameIndex[start], frameIndex[i - 1], timeMs[start], timeMs[i - 1]));
        }
        return out;
    }

    public Summary summary() {
        Map<CameraView, Integer> counts = new EnumMap<>(CameraView.class);
        int seen = 0;
        for (CameraView v : views) {
            if (v != null) {
                counts.merge(v, 1, Integer::sum);
                seen++;
            }
        }
        Map<CameraView, Double> shares = new EnumMap<>(CameraView.class);
        CameraView dominant = null;
        for (Map.Entry<CameraView, Integer> e : counts.entrySet()) {
            shares.put(e.getKey(), e.getValue() / (double) seen);
            if (dominant == null || e.getValue() > counts.get(dominant)) {
                dominant = e.getKey();
            }
        }
        return new Summary(seen, java.util.Collections.unmodifiableMap(shares), dominant);
    }

}
