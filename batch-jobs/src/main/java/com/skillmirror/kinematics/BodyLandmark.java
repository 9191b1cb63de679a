package com.skillmirror.kinematics;

/**
 * The 33 BlazePose landmarks in MediaPipe's order (the index is the position in {@code PersonPose.landmarks()}),
 * with each one's mirror partner, so code can say {@code LEFT_KNEE.index()} instead of 25.
 */
public enum BodyLandmark {
    NOSE, LEFT_EYE_INNER, LEFT_EYE, LEFT_EYE_OUTER, RIGHT_EYE_INNER, RIGHT_EYE, RIGHT_EYE_OUTER, LEFT_EAR, RIGHT_EAR,
    MOUTH_LEFT, MOUTH_RIGHT, LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_ELBOW, RIGHT_ELBOW, LEFT_WRIST, RIGHT_WRIST,
    LEFT_PINKY, RIGHT_PINKY, LEFT_INDEX, RIGHT_INDEX, LEFT_THUMB, RIGHT_THUMB, LEFT_HIP, RIGHT_HIP, LEFT_KNEE,
    RIGHT_KNEE, LEFT_ANKLE, RIGHT_ANKLE, LEFT_HEEL, RIGHT_HEEL, LEFT_FOOT_INDEX, RIGHT_FOOT_INDEX;

    /** Position in the landmark list. */
    public int index() {
        return ordinal();
    }

    /** Lower-case name as MediaPipe spells it (e.g. {@code left_knee}); used as marker/column names in exports. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isLeft() {
        return name().startsWith("LEFT_") || this == MOUTH_LEFT;
    }

    public boolean isRight() {
        return name().startsWith("RIGHT_") || this == MOUTH_RIGHT;
    }

    /** The same landmark on the other side of the body (itself for the nose). */
    public BodyLandmark mirror() {
        String n = name();
        if (n.startsWith("LEFT_")) {
            return valueOf("RIGHT_" + n.substring(5));
        }
        if (n.startsWith("RIGHT_")) {
            return valueOf("LEFT_" + n.substring(6));
        }
        if (this == MOUTH_LEFT) {
            return MOUTH_RIGHT;
        }
        if (this == MOUTH_RIGHT) {
            return MOUTH_LEFT;
        }
        return this;
    }

    public static BodyLandmark of(int index) {
        return values()[index];
    }
}
