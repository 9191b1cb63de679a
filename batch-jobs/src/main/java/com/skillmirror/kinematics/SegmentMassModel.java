package com.skillmirror.kinematics;

import static com.skillmirror.kinematics.BodyLandmark.*;

import java.util.List;

/**
 * Whole-body centre of mass from segment masses. Fractions of body mass and the position of each segment's centre
 * of mass along it are Dempster's (1955) cadaver data as tabulated by D. A. Winter, <i>Biomechanics and Motor
 * Control of Human Movement</i>, 4th ed. (Wiley 2009), Table 4.1. The table's segment end points map onto BlazePose
 * landmarks: glenohumeral joint = shoulder, greater trochanter = hip, ear canal = ear, knuckle II = index, head of
 * metatarsal II = foot index. The fractions sum to 1.
 */
final class SegmentMassModel {

    /**
     * One segment: mass fraction, proximal and distal end (each the mean of its landmarks), CoM fraction from
     * proximal. For hands and feet ({@code distalOptional}) a hidden fingertip/toe lets the segment's CoM fall back
     * to the wrist/ankle: BlazePose often marks hand and toe landmarks of a clearly seen person as barely visible, and
     * the error (a few centimetres on 0.6-1.5 % of the mass) moves the whole-body CoM by well under a millimetre.
     */
    record Segment(String name, double massFraction, List<BodyLandmark> proximal, List<BodyLandmark> distal,
            double comFromProximal, boolean distalOptional) {

        Segment(String name, double massFraction, List<BodyLandmark> proximal, List<BodyLandmark> distal,
                double comFromProximal) {
            this(name, massFraction, proximal, distal, comFromProximal, false);
        }
    }

    static final List<Segment> SEGMENTS = List.of(
            // head and neck: C7-T1 to ear canal, CoM at the ear canal (1.000 from C7); the shoulder centre stands in for C7
            new Segment("head_neck", 0.081, List.of(LEFT_SHOULDER, RIGHT_SHOULDER), List.of(LEFT_EAR, RIGHT_EAR), 1.0),
            // trunk: greater trochanter to glenohumeral joint, CoM half way
            new Segment("trunk", 0.497, List.of(LEFT_HIP, RIGHT_HIP), List.of(LEFT_SHOULDER, RIGHT_SHOULDER), 0.5),
            new Segment("left_upper_arm", 0.028, List.of(LEFT_SHOULDER), List.of(LEFT_ELBOW), 0.436),
            new Segment("right_upper_arm", 0.028, List.of(RIGHT_SHOULDER), List.of(RIGHT_ELBOW), 0.436),
            new Segment("left_forearm", 0.016, List.of(LEFT_ELBOW), List.of(LEFT_WRIST), 0.430),
            new Segment("right_forearm", 0.016, List.of(RIGHT_ELBOW), List.of(RIGHT_WRIST), 0.430),
            new Segment("left_hand", 0.006, List.of(LEFT_WRIST), List.of(LEFT_INDEX), 0.506, true),
            new Segment("right_hand", 0.006, List.of(RIGHT_WRIST), List.of(RIGHT_INDEX), 0.506, true),
            new Segment("left_thigh", 0.100, List.of(LEFT_HIP), List.of(LEFT_KNEE), 0.433),
            new Segment("right_thigh", 0.100, List.of(RIGHT_HIP), List.of(RIGHT_KNEE), 0.433),
            new Segment("left_shank", 0.0465, List.of(LEFT_KNEE), List.of(LEFT_ANKLE), 0.433),
            new Segment("right_shank", 0.0465, List.of(RIGHT_KNEE), List.of(RIGHT_ANKLE), 0.433),
            new Segment("left_foot", 0.0145, List.of(LEFT_ANKLE), List.of(LEFT_FOOT_INDEX), 0.5, true),
            new Segment("right_foot", 0.0145, List.of(RIGHT_ANKLE), List.of(RIGHT_FOOT_INDEX), 0.5, true));

    private SegmentMassModel() {
    }
}
