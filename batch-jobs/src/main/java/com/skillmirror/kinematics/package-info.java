/**
 * Joint and segment angles, angular velocities and centre of mass of a tracked person, computed from the pose
 * step's landmark series ({@link com.skillmirror.kinematics.Kinematics#of}). Conventions are on
 * {@link com.skillmirror.kinematics.Angle}; gaps are NaN, never 0.
 */
package com.skillmirror.kinematics;
