package com.skillmirror.landmarks;

/**
 * One landmark, like MediaPipe's landmarks. For image landmarks x and y are normalised to the image width and
 * height (0..1 inside the image) and z is depth relative to the hip centre on roughly the scale of x (smaller =
 * closer to the camera). For world landmarks x, y, z are metres with the origin between the hips.
 * visibility and presence are probabilities (0..1).
 */
public record Landmark(float x, float y, float z, float visibility, float presence) {
}
