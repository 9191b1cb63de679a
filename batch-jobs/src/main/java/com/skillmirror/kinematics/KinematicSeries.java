package com.skillmirror.kinematics;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Angle series of one person in one video, frame by frame in the pose series' order (see {@link Angle} for the
 * conventions). A frame where the person is missing, or where a landmark an angle needs is less visible than the
 * threshold, holds NaN: a gap, never 0. Made by {@link Kinematics#of}. Arrays returned are copies.
 */
public final class KinematicSeries {

    private final int personId;
    private final Space space;
    private final double fps;
    private final double minVisibility;
    private final int[] frameIndex;
    private final long[] timeMs;
    private final Map<String, double[]> angles;
    private final Map<String, double[]> velocities;
    private final double[][] centreOfMass;

    KinematicSeries(int personId, Space space, double fps, double minVisibility, int[] frameIndex, long[] timeMs,
            Map<String, double[]> angles, double[][] centreOfMass) {
        this.personId = personId;
        this.space = space;
        this.fps = fps;
        this.minVisibility = minVisibility;
        this.frameIndex = frameIndex;
        this.timeMs = timeMs;
        this.angles = Collections.unmodifiableMap(new LinkedHashMap<>(angles));
        Map<String, double[]> v = new LinkedHashMap<>();
        angles.forEach((name, series) -> v.put(name, Derivatives.velocity(series, timeMs)));
        this.velocities = Collections.unmodifiableMap(v);
        this.centreOfMass = centreOfMass;
    }

    public int personId() {
        return personId;
    }

    public Space space() {
        return space;
    }

    /** Analysis frames per second (of the pose series). */
    public double fps() {
        return fps;
    }

    /** The landmark visibility below which an angle is a gap. */
    public double minVisibility() {
        return minVisibility;
    }

    /** Number of frames (= frames of the pose series). */
    public int size() {
        return frameIndex.length;
    }

    /** Video frame index of each sample. */
    public int[] frameIndex() {
        return frameIndex.clone();
    }

    /** Presentation time of each sample, ms. */
    public long[] timeMs() {
        return timeMs.clone();
    }

    /** Angle names in {@link Angle} order: joint angles first, then segment angles. */
    public Set<String> angleNames() {
        return angles.keySet();
    }

    /** The angle series in degrees, NaN in gaps; the name is an {@link Angle#key()}. */
    public double[] angle(String name) {
        return series(angles, name).clone();
    }

    public double[] angle(Angle angle) {
        return angle(angle.key());
    }

    /**
     * Angular velocity in degrees per second: central difference (a[i+1] - a[i-1]) / (t[i+1] - t[i-1]) where both
     * neighbours have values; one-sided at the first and last sample of a run of values; NaN in gaps and for a
     * value with no valued neighbour. A difference never spans a gap.
     */
    public double[] velocity(String name) {
        return series(velocities, name).clone();
    }

    public double[] velocity(Angle angle) {
        return velocity(angle.key());
    }

    /**
     * Whole-body centre of mass per frame as {x, y, z} (see {@link SegmentMassModel}): for {@link Space#IMAGE} in
     * normalised image coordinates like the landmarks (z = the model's relative depth), for {@link Space#WORLD} in
     * metres, hip-centred. All NaN where a landmark of the 14-segment model is less visible than the threshold (a hidden
     * fingertip or toe only moves that hand's or foot's CoM to the wrist or ankle).
     */
    public double[][] centreOfMass() {
        double[][] out = new double[centreOfMass.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = centreOfMass[i].clone();
        }
        return out;
    }

    private static double[] series(Map<String, double[]> map, String name) {
        double[] s = map.get(name);
        if (s == null) {
            throw new IllegalArgumentException("No angle named " + name + "; known: " + map.keySet());
        }
        return s;
    }

    @Override
    public String toString() {
        return "KinematicSeries[person " + personId + ", " + space + ", " + frameIndex.length + " frames at " + fps
                + " fps, angles " + angles.keySet() + "]";
    }

    /** Count of non-NaN values of an angle: handy to see how much of a clip an angle covers. */
    public long valuedCount(String name) {
        return Arrays.stream(series(angles, name)).filter(d -> !Double.isNaN(d)).count();
    }
}
