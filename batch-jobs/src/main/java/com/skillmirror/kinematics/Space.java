package com.skillmirror.kinematics;

/** Which landmarks the kinematics are computed from. */
public enum Space {
    /**
     * Image landmarks, x scaled by the frame width and y by its height so that angles are the ones seen in the
     * picture in pixels (normalised coordinates would distort them on non-square frames). 2D: the model's relative
     * depth z is too noisy to use for angles.
     */
    IMAGE,
    /** World landmarks: metres, hip-centred, 3D. */
    WORLD
}
