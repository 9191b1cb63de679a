package com.skillmirror.pose.overlay;

import com.skillmirror.kinematics.KinematicSeries;
import java.util.ArrayList;
import java.util.List;

/** Picks frames worth showing as key frames, from an angle series. */
public final class KeyFrames {

    /** A chosen frame: its index (as in the pose series), time, the angle's value there, and why it was chosen. */
    public record KeyFrame(int frameIndex, long timeMs, double value, Kind kind) {
    }

    public enum Kind { MIN, MAX }

    private KeyFrames() {
    }

    /** The frames where the angle is smallest and largest (in that order); empty when it never has a value. */
    public static List<KeyFrame> extremes(KinematicSeries k, String angle) {
        double[] v = k.angle(angle);
        int min = -1;
        int max = -1;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                continue;
            }
            if (min < 0 || v[i] < v[min]) {
                min = i;
            }
            if (max < 0 || v[i] > v[max]) {
                max = i;
            }
        }
        if (min < 0) {
            return List.of();
        }
        return List.of(keyFrame(k, v, min, Kind.MIN), keyFrame(k, v, max, Kind.MAX));
    }

    /**
     * Every turning point of the angle (e.g. each squat's lowest knee angle and each stand-up's highest), in time
     * order: a local minimum or maximum counts once the angle has moved away from it by at least
     * {@code minSwingDegrees}, so noise smaller than that makes no key frames. Gaps are skipped over.
     */
    public static List<KeyFrame> turningPoints(KinematicSeries k, String angle, double minSwingDegrees) {
        double[] v = k.angle(angle);
        List<KeyFrame> out = new ArrayList<>();
        int candidate = -1;
        int direction = 0; // +1 looking for a maximum, -1 for a minimum, 0 not yet known
        int low = -1;
        int high = -1;
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                continue;
            }
            if (direction == 0) {
                if (low < 0 || v[i] < v[low]) {
                    low = i;
                }
                if (high < 0 || v[i] > v[high]) {
                    high = i;
                }
                if (v[i] - v[low] >= minSwingDegrees) {
                    out.add(keyFrame(k, v, low, Kind.MIN));
                    direction = 1;
                    candidate = i;
                } else if (v[high] - v[i] >= minSwingDegrees) {
                    out.add(keyFrame(k, v, high, Kind.MAX));
                    direction = -1;
                    candidate = i;
                }
                continue;
            }
            if (direction > 0) {
                if (v[i] > v[candidate]) {
                    candidate = i;
                } else if (v[candidate] - v[i] >= minSwingDegrees) {
                    out.add(keyFrame(k, v, candidate, Kind.MAX));
                    direction = -1;
                    candidate = i;
                }
            } else {
                if (v[i] < v[candidate]) {
                    candidate = i;
                } else if (v[i] - v[candidate] >= minSwingDegrees) {
                    out.add(keyFrame(k, v, candidate, Kind.MIN));
                    direction = 1;
                    candidate = i;
                }
            }
        }
        return out;
    }

    private static KeyFrame keyFrame(KinematicSeries k, double[] v, int i, Kind kind) {
        return new KeyFrame(k.frameIndex()[i], k.timeMs()[i], v[i], kind);
    }
}
