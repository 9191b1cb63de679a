package com.skillmirror.pose;

/**
 * Per-person temporal filtering with the parameters of MediaPipe's pose_landmark_filtering.pbtxt:
 * landmarks One-Euro (min_cutoff 0.05, beta 80, derivate_cutoff 1) in pixels scaled by the object size,
 * world landmarks One-Euro (0.1, 40, 1, no value scaling), auxiliary landmarks One-Euro (0.01, 10, 1),
 * visibility low-pass (alpha 0.1).
 */
final class LandmarkSmoother {

    private static final double FREQUENCY = 30.0;
    private static final float VISIBILITY_ALPHA = 0.1f;

    private final boolean smoothLandmarks;
    private final OneEuroFilter[] lm = new OneEuroFilter[33 * 3];
    private final OneEuroFilter[] world = new OneEuroFilter[33 * 3];
    private final OneEuroFilter[] aux = new OneEuroFilter[2 * 3];
    private final float[] visibility = new float[33];
    private boolean visibilityInitialized;

    LandmarkSmoother(boolean smoothLandmarks) {
        this.smoothLandmarks = smoothLandmarks;
        for (int i = 0; i < lm.length; i++) {
            lm[i] = new OneEuroFilter(FREQUENCY, 0.05, 80.0, 1.0);
            world[i] = new OneEuroFilter(FREQUENCY, 0.1, 40.0, 1.0);
        }
        for (int i = 0; i < aux.length; i++) {
            aux[i] = new OneEuroFilter(FREQUENCY, 0.01, 10.0, 1.0);
        }
    }

    /**
     * Filters {@code r} in place (landmarks 0..32 if smoothing is on, world landmarks likewise, auxiliary
     * landmarks 33..34 always, as MediaPipe does for tracking).
     */
    void apply(LandmarkModel.Result r, long timeNanos, int imageWidth, int imageHeight) {
        float[] l = r.landmarks;
        // object scale: the alignment box from the unfiltered auxiliary landmarks (OBJECT_SCALE_ROI)
        float objectScale = RoiMath.alignmentSize(l[33 * 5], l[33 * 5 + 1], l[34 * 5], l[34 * 5 + 1],
                imageWidth, imageHeight);
        if (objectScale < 1e-6f) {
            return;
        }
        double valueScale = 1.0 / objectScale;
        if (smoothLandmarks) {
            for (int i = 0; i < 33; i++) {
                filterNormalized(lm, i, l, i, timeNanos, valueScale, imageWidth, imageHeight);
                float v = l[i * 5 + 3];
                visibility[i] = visibilityInitialized ? VISIBILITY_ALPHA * v + (1 - VISIBILITY_ALPHA) * visibility[i] : v;
                l[i * 5 + 3] = visibility[i];
            }
            visibilityInitialized = true;
            for (int i = 0; i < 33 * 3; i++) {
                r.world[i] = (float) world[i].apply(timeNanos, r.world[i], 1.0);
            }
        }
        for (int i = 0; i < 2; i++) {
            filterNormalized(aux, i, l, 33 + i, timeNanos, valueScale, imageWidth, imageHeight);
        }
    }

    private static void filterNormalized(OneEuroFilter[] f, int fi, float[] l, int li, long t, double valueScale,
                                         int w, int h) {
        int o = li * 5;
        l[o] = (float) (f[fi * 3].apply(t, l[o] * (double) w, valueScale) / w);
        l[o + 1] = (float) (f[fi * 3 + 1].apply(t, l[o + 1] * (double) h, valueScale) / h);
        l[o + 2] = (float) (f[fi * 3 + 2].apply(t, l[o + 2] * (double) w, valueScale) / w);
    }
}
