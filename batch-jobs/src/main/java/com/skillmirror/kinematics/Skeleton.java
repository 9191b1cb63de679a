package com.skillmirror.kinematics;

import static com.skillmirror.kinematics.BodyLandmark.*;

import java.util.List;

/** The bones of the BlazePose skeleton: MediaPipe's POSE_CONNECTIONS (35 landmark pairs), for drawing and exports. */
public final class Skeleton {

    /** A bone between two landmarks. */
    public record Bone(BodyLandmark from, BodyLandmark to) {

        /** Left or right when both ends are on that side, otherwise central (face midline, shoulders, hips). */
        public Side side() {
            if (from.isLeft() && to.isLeft()) {
                return Side.LEFT;
            }
            if (from.isRight() && to.isRight()) {
                return Side.RIGHT;
            }
            return Side.CENTRE;
        }
    }

    public enum Side { LEFT, RIGHT, CENTRE }

    public static final List<Bone> BONES = List.of(
            new Bone(NOSE, LEFT_EYE_INNER), new Bone(LEFT_EYE_INNER, LEFT_EYE), new Bone(LEFT_EYE, LEFT_EYE_OUTER),
            new Bone(LEFT_EYE_OUTER, LEFT_EAR), new Bone(NOSE, RIGHT_EYE_INNER),
            new Bone(RIGHT_EYE_INNER, RIGHT_EYE), new Bone(RIGHT_EYE, RIGHT_EYE_OUTER),
            new Bone(RIGHT_EYE_OUTER, RIGHT_EAR), new Bone(MOUTH_LEFT, MOUTH_RIGHT),
            new Bone(LEFT_SHOULDER, RIGHT_SHOULDER), new Bone(LEFT_SHOULDER, LEFT_ELBOW),
            new Bone(LEFT_ELBOW, LEFT_WRIST), new Bone(LEFT_WRIST, LEFT_PINKY), new Bone(LEFT_WRIST, LEFT_INDEX),
            new Bone(LEFT_WRIST, LEFT_THUMB), new Bone(LEFT_PINKY, LEFT_INDEX),
            new Bone(RIGHT_SHOULDER, RIGHT_ELBOW), new Bone(RIGHT_ELBOW, RIGHT_WRIST),
            new Bone(RIGHT_WRIST, RIGHT_PINKY), new Bone(RIGHT_WRIST, RIGHT_INDEX),
            new Bone(RIGHT_WRIST, RIGHT_THUMB), new Bone(RIGHT_PINKY, RIGHT_INDEX),
            new Bone(LEFT_SHOULDER, LEFT_HIP), new Bone(RIGHT_SHOULDER, RIGHT_HIP), new Bone(LEFT_HIP, RIGHT_HIP),
            new Bone(LEFT_HIP, LEFT_KNEE), new Bone(RIGHT_HIP, RIGHT_KNEE), new Bone(LEFT_KNEE, LEFT_ANKLE),
            new Bone(RIGHT_KNEE, RIGHT_ANKLE), new Bone(LEFT_ANKLE, LEFT_HEEL), new Bone(RIGHT_ANKLE, RIGHT_HEEL),
            new Bone(LEFT_HEEL, LEFT_FOOT_INDEX), new Bone(RIGHT_HEEL, RIGHT_FOOT_INDEX),
            new Bone(LEFT_ANKLE, LEFT_FOOT_INDEX), new Bone(RIGHT_ANKLE, RIGHT_FOOT_INDEX));

    private Skeleton() {
    }
}
