package com.skillmirror.pose.athlete;

import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An unbroken run of one tracker track: the frames it covers, where and how large the person was at its ends, and
 * what they looked like. A tracker track is cut into several tracklets where the box jumps (a cut, or the tracker
 * handing an id to someone else), so that each tracklet is one person.
 */
final class Tracklet {

    /** A jump of the box centre by more than this many body heights between two sightings is not one person. */
    private static final double MAX_JUMP_HEIGHTS = 0.8;
    private static final double MAX_SIZE_JUMP = Math.log(1.6);
    /** Appearances averaged per tracklet: enough for a stable mean, cheap. */
    private static final int APPEARANCE_SAMPLES = 40;

    final int trackId;
    final BitSet positions = new BitSet();
    final List<Integer> framePositions = new ArrayList<>();
    private final List<double[]> boxes = new ArrayList<>(); // pixel centre x, centre y, height
    Appearance appearance;
    long startMs;
    long endMs;

    private Tracklet(int trackId) {
        this.trackId = trackId;
    }

    /** The tracklets of a series, in order of first frame. */
    static List<Tracklet> of(PoseSeries series, AppearanceTable appearances) {
        Map<Integer, Tracklet> open = new HashMap<>();
        List<Tracklet> all = new ArrayList<>();
        List<PoseFrame> frames = series.frames();
        for (int i = 0; i < frames.size(); i++) {
            PoseFrame frame = frames.get(i);
            for (PersonPose p : frame.people()) {
                double[] box = box(p, series.width(), series.height());
                Tracklet t = open.get(p.id());
                if (t == null || t.jumpsTo(box)) {
                    t = new Tracklet(p.id());
                    t.startMs = frame.timeMs();
                    open.put(p.id(), t);
                    all.add(t);
                }
                t.positions.set(i);
                t.framePositions.add(i);
                t.boxes.add(box);
                t.endMs = frame.timeMs();
            }
        }
        for (Tracklet t : all) {
            t.appearance = t.meanAppearance(series, appearances);
        }
        return all;
    }

    private boolean jumpsTo(double[] box) {
        double[] last = boxes.get(boxes.size() - 1);
        double h = Math.max(1, Math.min(last[2], box[2]));
        return Math.hypot(box[0] - last[0], box[1] - last[1]) / h > MAX_JUMP_HEIGHTS
                || Math.abs(Math.log(Math.max(1, box[2]) / Math.max(1, last[2]))) > MAX_SIZE_JUMP;
    }

    private Appearance meanAppearance(PoseSeries series, AppearanceTable table) {
        if (table == null) {
            return new Appearance(null, null);
        }
        List<Appearance> samples = new ArrayList<>();
        int n = framePositions.size();
        int step = Math.max(1, n / APPEARANCE_SAMPLES);
        for (int k = 0; k < n; k += step) {
            Appearance a = table.get(series.frames().get(framePositions.get(k)).index(), trackId);
            if (a != null) {
                samples.add(a);
            }
        }
        return Appearance.mean(samples);
    }

    /** Landmark box in pixels: centre x, centre y, height (landmarks may lie outside the frame: not clipped). */
    static double[] box(PersonPose p, int width, int height) {
        float[] b = p.landmarkBounds();
        return new double[] {(b[0] + b[2]) / 2.0 * width, (b[1] + b[3]) / 2.0 * height, (b[3] - b[1]) * (double) height};
    }

    double[] firstBox() {
        return boxes.get(0);
    }

    double[] lastBox() {
        return boxes.get(boxes.size() - 1);
    }

    /** The median box height in pixels: the person's size, robust to a few bad frames. */
    double medianHeight() {
        double[] h = boxes.stream().mapToDouble(b -> b[2]).toArray();
        Arrays.sort(h);
        return h[h.length / 2];
    }

    int frames() {
        return framePositions.size();
    }

    int firstPosition() {
        return framePositions.get(0);
    }

    int lastPosition() {
        return framePositions.get(framePositions.size() - 1);
    }
}
