package com.skillmirror.kinematics;

import static com.skillmirror.kinematics.BodyLandmark.*;

import java.util.List;
import java.util.Locale;

/**
 * The named angles of a {@link KinematicSeries}, all in degrees. Two kinds, one convention each:
 *
 * <ul>
 * <li>{@link Kind#JOINT}: the interior angle at a joint between its two segments, in [0°, 180°], 180° = straight
 * (a standing knee is ~175°, a right-angle squat ~90°). The shoulder angle is the one between the trunk
 * (shoulder→hip) and the upper arm (shoulder→elbow): 0° = arm hanging along the trunk, 180° = arm straight up.
 * The ankle angle is shank (ankle→knee) vs foot (ankle→foot index), ~90-110° standing.</li>
 * <li>{@link Kind#SEGMENT}: a segment's orientation against the vertical (or, for lines across the body, the
 * horizontal) of the picture (IMAGE) or of the world landmarks projected on the camera's x-y plane (WORLD),
 * signed, 0° at the reference, and <b>unwrapped</b> over time: consecutive values never differ by more than 180°,
 * so one posture keeps one value instead of jumping between +179° and -179°. The sign: for vertical-referenced
 * segments, positive when the segment's far end lies towards the picture's right edge (+x); for line tilts
 * (pelvis, shoulders, ears; the line runs from the right-side landmark to the left-side one), positive when the
 * left-side landmark is higher in the picture. Mirroring a clip therefore negates every segment angle (and swaps
 * left and right ones), while joint angles only swap sides. In {@link Space#WORLD} the line tilts are the line's
 * elevation above the horizontal plane in 3D, in [-90°, 90°] (a line across the body often points at the camera,
 * where its x-y projection would be a noisy stub); vertical-referenced segments are measured on the x-y plane.</li>
 * </ul>
 */
public enum Angle {
    LEFT_KNEE_ANGLE(joint(LEFT_HIP, LEFT_KNEE, LEFT_ANKLE)),
    RIGHT_KNEE_ANGLE(joint(RIGHT_HIP, RIGHT_KNEE, RIGHT_ANKLE)),
    LEFT_HIP_ANGLE(joint(LEFT_SHOULDER, LEFT_HIP, LEFT_KNEE)),
    RIGHT_HIP_ANGLE(joint(RIGHT_SHOULDER, RIGHT_HIP, RIGHT_KNEE)),
    LEFT_ELBOW_ANGLE(joint(LEFT_SHOULDER, LEFT_ELBOW, LEFT_WRIST)),
    RIGHT_ELBOW_ANGLE(joint(RIGHT_SHOULDER, RIGHT_ELBOW, RIGHT_WRIST)),
    LEFT_SHOULDER_ANGLE(joint(LEFT_HIP, LEFT_SHOULDER, LEFT_ELBOW)),
    RIGHT_SHOULDER_ANGLE(joint(RIGHT_HIP, RIGHT_SHOULDER, RIGHT_ELBOW)),
    LEFT_ANKLE_ANGLE(joint(LEFT_KNEE, LEFT_ANKLE, LEFT_FOOT_INDEX)),
    RIGHT_ANKLE_ANGLE(joint(RIGHT_KNEE, RIGHT_ANKLE, RIGHT_FOOT_INDEX)),

    /** Hip centre → shoulder centre vs up: 0 = upright, positive = leaning towards the picture's right. */
    TRUNK_LEAN(segment(Reference.UP, List.of(LEFT_HIP, RIGHT_HIP), List.of(LEFT_SHOULDER, RIGHT_SHOULDER))),
    /** Hip → knee vs down. */
    LEFT_THIGH_ORIENTATION(segment(Reference.DOWN, List.of(LEFT_HIP), List.of(LEFT_KNEE))),
    RIGHT_THIGH_ORIENTATION(segment(Reference.DOWN, List.of(RIGHT_HIP), List.of(RIGHT_KNEE))),
    /** Knee → ankle vs down. */
    LEFT_SHANK_ORIENTATION(segment(Reference.DOWN, List.of(LEFT_KNEE), List.of(LEFT_ANKLE))),
    RIGHT_SHANK_ORIENTATION(segment(Reference.DOWN, List.of(RIGHT_KNEE), List.of(RIGHT_ANKLE))),
    /** Shoulder → elbow vs down. */
    LEFT_UPPER_ARM_ORIENTATION(segment(Reference.DOWN, List.of(LEFT_SHOULDER), List.of(LEFT_ELBOW))),
    RIGHT_UPPER_ARM_ORIENTATION(segment(Reference.DOWN, List.of(RIGHT_SHOULDER), List.of(RIGHT_ELBOW))),
    /** Elbow → wrist vs down. */
    LEFT_FOREARM_ORIENTATION(segment(Reference.DOWN, List.of(LEFT_ELBOW), List.of(LEFT_WRIST))),
    RIGHT_FOREARM_ORIENTATION(segment(Reference.DOWN, List.of(RIGHT_ELBOW), List.of(RIGHT_WRIST))),
    /** Right hip → left hip vs horizontal: in IMAGE ~0 facing the camera, ~±180 facing away, noisy side-on. */
    PELVIS_TILT(segment(Reference.HORIZONTAL, List.of(RIGHT_HIP), List.of(LEFT_HIP))),
    /** Right shoulder → left shoulder vs horizontal. */
    SHOULDER_TILT(segment(Reference.HORIZONTAL, List.of(RIGHT_SHOULDER), List.of(LEFT_SHOULDER))),
    /** Right ear → left ear vs horizontal: head roll seen from the front. */
    HEAD_TILT(segment(Reference.HORIZONTAL, List.of(RIGHT_EAR), List.of(LEFT_EAR))),
    /**
     * Ear centre → nose vs up: where the face points. Seen from the side ~±90 looking ahead, smaller looking up,
     * larger looking down. Seen from the front or the back the vector is a few pixels long and the value is noise:
     * use it only for side views.
     */
    HEAD_DIRECTION(segment(Reference.UP, List.of(LEFT_EAR, RIGHT_EAR), List.of(NOSE)));

    public enum Kind { JOINT, SEGMENT }

    /** What a segment angle is measured from. */
    enum Reference { UP, DOWN, HORIZONTAL }

    /** Joint: the angle at {@code to[0]} between from and third; segment: the vector from → to. */
    record Definition(Kind kind, Reference reference, List<BodyLandmark> from, List<BodyLandmark> to,
            List<BodyLandmark> third) {
    }

    private final Definition definition;

    Angle(Definition definition) {
        this.definition = definition;
    }

    private static Definition joint(BodyLandmark a, BodyLandmark vertex, BodyLandmark c) {
        return new Definition(Kind.JOINT, null, List.of(a), List.of(vertex), List.of(c));
    }

    private static Definition segment(Reference reference, List<BodyLandmark> from, List<BodyLandmark> to) {
        return new Definition(Kind.SEGMENT, reference, from, to, List.of());
    }

    Definition definition() {
        return definition;
    }

    public Kind kind() {
        return definition.kind();
    }

    /** The series name, e.g. {@code left_knee_angle}, {@code trunk_lean}: what {@link KinematicSeries#angle} takes. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every landmark the angle is computed from (all must be visible for a value). */
    public List<BodyLandmark> landmarks() {
        java.util.ArrayList<BodyLandmark> all = new java.util.ArrayList<>(definition.from());
        all.addAll(definition.to());
        all.addAll(definition.third());
        return List.copyOf(all);
    }

    /** The same angle on the other side of the body (itself for central ones). */
    public Angle mirror() {
        String n = name();
        if (n.startsWith("LEFT_")) {
            return valueOf("RIGHT_" + n.substring(5));
        }
        if (n.startsWith("RIGHT_")) {
            return valueOf("LEFT_" + n.substring(6));
        }
        return this;
    }

    /** The angle by its key, e.g. {@code left_knee_angle}. */
    public static Angle byKey(String key) {
        for (Angle a : values()) {
            if (a.key().equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("No angle named " + key);
    }
}
