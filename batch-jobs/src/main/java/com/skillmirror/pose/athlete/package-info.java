/**
 * Who the athlete is in a video with several people: re-identification of the same person across the tracker's
 * tracks ({@link com.skillmirror.pose.athlete.TrackStitcher}: after occlusion, leaving and re-entering the frame,
 * cuts), the choice of the athlete ({@link com.skillmirror.pose.athlete.AthleteSelector}: the coach's point on the
 * thumbnail, else the person who performs the skill's movement) and the footage problems that concern people
 * ({@link com.skillmirror.pose.athlete.FootageChecks}). Plain Java on landmark series, kinematics and colour
 * histograms: the pose stage's {@code step/} measures appearances from the frames and calls it; tests call it directly.
 */
package com.skillmirror.pose.athlete;
