package com.skillmirror.kinematics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * From where the camera sees a person, by the person's body yaw: the direction of the line from the right side of
 * the body to the left (shoulders and hips) relative to the picture. SIDE_LEFT means the person's left side faces
 * the camera (so the right side is the far, hidden one). The key ({@code side-left}) is what skill files use.
 */
public enum CameraView {
    /** Facing the camera: both sides seen, left on the picture's right. */
    FRONT,
    /** Back to the camera: both sides seen. */
    BACK,
    /** The person's left side faces the camera; the right side is behind the body. */
    SIDE_LEFT,
    /** The person's right side faces the camera; the left side is behind the body. */
    SIDE_RIGHT,
    /** Between a side and the front or back: both sides seen, one partly covered and foreshortened. */
    OBLIQUE;

    /** The name skill files use, e.g. {@code side-left}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** How a report says it, e.g. "from the side (left side to the camera)". */
    public String describe() {
        return switch (this) {
            case FRONT -> "from the front";
            case BACK -> "from behind";
            case SIDE_LEFT -> "from the side (left side to the camera)";
            case SIDE_RIGHT -> "from the side (right side to the camera)";
            case OBLIQUE -> "at an angle (between side and front or back)";
        };
    }

    public boolean isSide() {
        return this == SIDE_LEFT || this == SIDE_RIGHT;
    }

    /** The side of the body the body itself hides in this view; CENTRE when both sides are in view. */
    public Skeleton.Side hiddenSide() {
        return switch (this) {
            case SIDE_LEFT -> Skeleton.Side.RIGHT;
            case SIDE_RIGHT -> Skeleton.Side.LEFT;
            default -> Skeleton.Side.CENTRE;
        };
    }

    /**
     * The view for a body yaw in degrees: 0 = facing the camera, +-180 = back to it, +90 = the left side further
     * from the camera than the right (right side to the camera), -90 = left side to the camera. Side views span
     * 60-120 degrees: within 30 degrees of a pure side view the far limbs are behind the body for most of a
     * movement; front and back span 35 degrees either way, where both sides are seen nearly square on.
     */
    public static CameraView ofYaw(double yawDeg) {
        double a = Math.abs(yawDeg);
        if (a <= 35) {
            return FRONT;
        }
        if (a >= 145) {
            return BACK;
        }
        if (a >= 60 && a <= 120) {
            return yawDeg > 0 ? SIDE_RIGHT : SIDE_LEFT;
        }
        return OBLIQUE;
    }

    /** By key ({@code front}, {@code side-left}, ...); {@code side} is both side views. */
    public static List<CameraView> parse(String key) {
        if ("side".equals(key)) {
            return List.of(SIDE_LEFT, SIDE_RIGHT);
        }
        for (CameraView v : values()) {
            if (v.key().equals(key)) {
                return List.of(v);
            }
        }
        throw new IllegalArgumentException("Unknown camera view '" + key + "'; known: side, "
                + Arrays.stream(values()).map(CameraView::key).toList());
    }
}
