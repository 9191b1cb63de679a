/**
 * The pose stage's result, as every later stage reads it: per frame, the people found with their 33 BlazePose
 * landmarks (normalised image coordinates and metric world coordinates), the region each was tracked in, and the
 * model that found them ({@link com.skillmirror.landmarks.PoseSeries}, stored as the {@code pose-series} artifact).
 * Plain data with no dependency on the pose engine, so kinematics, skills and comparison build on it alone.
 */
package com.skillmirror.landmarks;
