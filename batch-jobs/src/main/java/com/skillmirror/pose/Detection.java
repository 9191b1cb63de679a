package com.skillmirror.pose;

/**
 * A person detection, normalised to the image: box and 4 keypoints (0 hip centre, 1 full-body size/rotation
 * point, 2 shoulder centre, 3 upper-body size/rotation point), as in MediaPipe's pose detector.
 */
record Detection(float score, float xmin, float ymin, float xmax, float ymax, float[] keypoints) {

    float keypointX(int i) {
        return keypoints[2 * i];
    }

    float keypointY(int i) {
        return keypoints[2 * i + 1];
    }

    static float iou(float ax0, float ay0, float ax1, float ay1, float bx0, float by0, float bx1, float by1) {
        float ix0 = Math.max(ax0, bx0);
        float iy0 = Math.max(ay0, by0);
        float ix1 = Math.min(ax1, bx1);
        float iy1 = Math.min(ay1, by1);
        if (ix1 <= ix0 || iy1 <= iy0) {
            return 0f;
        }
        float inter = (ix1 - ix0) * (iy1 - iy0);
        float union = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - inter;
        return union > 0 ? inter / union : 0f;
    }
}
