package com.skillmirror.portal.player;

import com.skillmirror.expert.ExpertPattern;
import java.util.HashMap;
import java.util.Map;

/**
 * A skeleton drawn from a pattern's mean angle curves, for a pattern without footage (a published norm): a stick
 * figure in a normalised box (0..1, top left origin) seen from the side, facing the picture's right, whose joint and
 * segment angles are the pattern's at a given position.
 *
 * <p>The simplification, said plainly: it is 2D in the picture plane, from the side. Each limb is placed by its
 * segment orientation when the pattern has it (thigh, shank, upper arm, forearm, trunk lean), else by the joint
 * angle from its parent segment with flexion forward (towards +x) as a side-on athlete facing right bends it; left
 * and right limbs are drawn over each other apart from their own angles. Angles the pattern lacks stay at a neutral
 * standing pose (upright trunk, straight legs, arms hanging). Segment lengths are average adult proportions
 * (Winter, Biomechanics and Motor Control of Human Movement: thigh and shank 0.245 of height, trunk 0.3, upper
 * arm 0.17, forearm 0.15), anchored at the hip centre. It shows the shape of the movement the numbers describe,
 * not anybody's body.
 */
final class PatternSkeleton {

    private static final double SCALE = 0.85;
    private static final double TRUNK = 0.30 * SCALE;
    private static final double THIGH = 0.245 * SCALE;
    private static final double SHANK = 0.245 * SCALE;
    private static final double UPPER_ARM = 0.17 * SCALE;
    private static final double FOREARM = 0.15 * SCALE;
    private static final double FOOT = 0.08 * SCALE;
    private static final double HEAD = 0.11 * SCALE;
    private static final double HIP_X = 0.5;
    private static final double HIP_Y = 0.47;

    private final ExpertPattern pattern;

    PatternSkeleton(ExpertPattern pattern) {
        this.pattern = pattern;
    }

    /** The landmarks (BlazePose index to x, y) at a pattern position 0..1. */
    Map<Integer, double[]> at(double position) {
        double trunkLean = angle("trunk_lean", position, 0);
        // angles are "from down, positive towards +x": a direction (sin a, cos a) in picture coordinates (y down)
        double up = 180 - trunkLean;
        double[] hip = {HIP_X, HIP_Y};
        double[] shoulder = step(hip, up, TRUNK);
        Map<Integer, double[]> out = new HashMap<>();
        double[] nose = step(shoulder, up - 15, HEAD);
        out.put(0, nose);
        for (String side : new String[] {"left", "right"}) {
            boolean left = side.equals("left");
            double thigh = segment(side + "_thigh_orientation", position,
                    up - angle(side + "_hip_angle", position, 180));
            double shank = segment(side + "_shank_orientation", position,
                    thigh + angle(side + "_knee_angle", position, 180) - 180);
            double foot = shank + 180 - angle(side + "_ankle_angle", position, 90);
            double upperArm = segment(side + "_upper_arm_orientation", position,
                    -trunkLean + angle(side + "_shoulder_angle", position, 0));
            double forearm = segment(side + "_forearm_orientation", position,
                    upperArm + 180 - angle(side + "_elbow_angle", position, 180));
            double[] knee = step(hip, thigh, THIGH);
            double[] ankle = step(knee, shank, SHANK);
            double[] footIndex = step(ankle, foot, FOOT);
            double[] heel = step(ankle, foot + 180, FOOT * 0.3);
            double[] elbow = step(shoulder, upperArm, UPPER_ARM);
            double[] wrist = step(elbow, forearm, FOREARM);
            double[] hand = step(wrist, forearm, FOREARM * 0.25);
            int o = left ? 0 : 1;
            out.put(11 + o, shoulder);
            out.put(13 + o, elbow);
            out.put(15 + o, wrist);
            out.put(17 + o, hand);
            out.put(19 + o, hand);
            out.put(21 + o, hand);
            out.put(23 + o, hip);
            out.put(25 + o, knee);
            out.put(27 + o, ankle);
            out.put(29 + o, heel);
            out.put(31 + o, footIndex);
        }
        return out;
    }

    private static double[] step(double[] from, double deg, double length) {
        double r = Math.toRadians(deg);
        return new double[] {from[0] + Math.sin(r) * length, from[1] + Math.cos(r) * length};
    }

    /** A segment orientation from the pattern when it has one, else the one derived from the joint angles. */
    private double segment(String name, double position, double derived) {
        double v = value(name, position);
        return Double.isNaN(v) ? derived : v;
    }

    private double angle(String name, double position, double neutral) {
        double v = value(name, position);
        return Double.isNaN(v) ? neutral : v;
    }

    /** The pattern's mean at a position (linear between samples), NaN when the pattern lacks the angle. */
    double value(String name, double position) {
        if (!pattern.features().contains(name)) {
            return Double.NaN;
        }
        return meanAt(pattern.curve(name).mean(), position);
    }

    static double meanAt(double[] mean, double position) {
        if (mean.length == 0) {
            return Double.NaN;
        }
        double x = Math.max(0, Math.min(1, position)) * (mean.length - 1);
        int lo = (int) Math.floor(x);
        int hi = Math.min(mean.length - 1, lo + 1);
        double a = mean[lo];
        double b = mean[hi];
        if (a != a) {
            return b;
        }
        if (b != b) {
            return a;
        }
        return a + (x - lo) * (b - a);
    }
}
