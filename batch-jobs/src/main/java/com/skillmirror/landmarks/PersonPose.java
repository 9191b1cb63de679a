package com.skillmirror.landmarks;

import java.util.List;

/**
 * One person's pose in one image/frame.
 *
 * @param id stable track id within one {@code pose.PoseTracker} (0, 1, ...); for still images the rank in the image
 * @param score detector score when the person was (re)detected, then the landmark model's pose presence
 * @param landmarks the 33 BlazePose landmarks, normalised to the image (see {@link Landmark})
 * @param worldLandmarks the same 33 landmarks in metres, hip-centred
 * @param box the region of interest the landmark model ran on
 */
public record PersonPose(int id, float score, List<Landmark> landmarks, List<Landmark> worldLandmarks, RoiBox box) {

    public static final int LANDMARK_COUNT = 33;

    public PersonPose {
        landmarks = List.copyOf(landmarks);
        worldLandmarks = List.copyOf(worldLandmarks);
    }

    /** Axis-aligned bounds {xmin, ymin, xmax, ymax} of the landmarks, normalised. */
    public float[] landmarkBounds() {
        float x0 = Float.MAX_VALUE, y0 = Float.MAX_VALUE, x1 = -Float.MAX_VALUE, y1 = -Float.MAX_VALUE;
        for (Landmark l : landmarks) {
            x0 = Math.min(x0, l.x());
            y0 = Math.min(y0, l.y());
            x1 = Math.max(x1, l.x());
            y1 = Math.max(y1, l.y());
        }
        return new float[] {x0, y0, x1, y1};
    }
}
