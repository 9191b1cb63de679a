package com.skillmirror.pose;

import com.skillmirror.landmarks.RoiBox;

/**
 * MediaPipe's detection/landmarks to ROI rules (AlignmentPointsRectsCalculator + RectTransformationCalculator as
 * configured in pose_detection_to_roi.pbtxt and pose_landmarks_to_roi.pbtxt): centre at keypoint 0, square of
 * side 2 * |k1 - k0| (pixels), rotation so that k0→k1 points up (target angle 90°), then square on the long
 * side and scale 1.25.
 */
final class RoiMath {

    static final float ROI_SCALE = 1.25f;
    static final double TARGET_ANGLE = Math.PI / 2;

    private RoiMath() {
    }

    /** The alignment box side in pixels (object scale used by the landmark smoothing). */
    static float alignmentSize(float x0, float y0, float x1, float y1, int imageWidth, int imageHeight) {
        double dx = (x1 - x0) * imageWidth;
        double dy = (y1 - y0) * imageHeight;
        return (float) (Math.sqrt(dx * dx + dy * dy) * 2.0);
    }

    /** ROI from a centre point and a scale/rotation point, both normalised. */
    static RoiBox roi(float x0, float y0, float x1, float y1, int imageWidth, int imageHeight) {
        double px0 = x0 * imageWidth;
        double py0 = y0 * imageHeight;
        double px1 = x1 * imageWidth;
        double py1 = y1 * imageHeight;
        double boxSize = Math.sqrt((px1 - px0) * (px1 - px0) + (py1 - py0) * (py1 - py0)) * 2.0;
        double rotation = normalizeRadians(TARGET_ANGLE - Math.atan2(-(py1 - py0), px1 - px0));
        // square_long on an already square box, then scale
        double side = boxSize * ROI_SCALE;
        return new RoiBox(x0, y0, (float) (side / imageWidth), (float) (side / imageHeight), (float) rotation);
    }

    static RoiBox fromDetection(Detection d, int imageWidth, int imageHeight) {
        return roi(d.keypointX(0), d.keypointY(0), d.keypointX(1), d.keypointY(1), imageWidth, imageHeight);
    }

    static double normalizeRadians(double angle) {
        return angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI));
    }
}
