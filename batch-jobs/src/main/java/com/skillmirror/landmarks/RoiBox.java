package com.skillmirror.landmarks;

/**
 * The rotated square region the landmark model looked at, normalised like MediaPipe's NormalizedRect: centre and
 * size as fractions of the image width/height, rotation in radians (clockwise in image coordinates).
 */
public record RoiBox(float xCenter, float yCenter, float width, float height, float rotation) {

    /** Axis-aligned bounds {xmin, ymin, xmax, ymax}, normalised, of the rotated box. */
    public float[] bounds(int imageWidth, int imageHeight) {
        double w = width * imageWidth;
        double h = height * imageHeight;
        double c = Math.abs(Math.cos(rotation));
        double s = Math.abs(Math.sin(rotation));
        double halfW = (w * c + h * s) / 2 / imageWidth;
        double halfH = (w * s + h * c) / 2 / imageHeight;
        return new float[] {(float) (xCenter - halfW), (float) (yCenter - halfH),
                (float) (xCenter + halfW), (float) (yCenter + halfH)};
    }
}
