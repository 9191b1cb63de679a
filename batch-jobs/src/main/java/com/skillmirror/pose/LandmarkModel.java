package com.skillmirror.pose;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.RoiBox;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * MediaPipe's BlazePose GHUM landmark model on a rotated ROI (pose_landmark_by_roi graph): 256x256 crop in [0, 1]
 * with edge replication, 39 landmarks (33 + 2 auxiliary + 4 unused) refined from the heatmap (kernel 7,
 * min confidence 0.5), visibility/presence via sigmoid, projected back to the image; world landmarks rotated by
 * the ROI angle. Not thread-safe.
 */
final class LandmarkModel implements AutoCloseable {

    static final int SIZE = 256;
    static final int NUM = 39;
    static final int HEATMAP_KERNEL = 7;
    static final float MIN_REFINE_CONFIDENCE = 0.5f;

    /** Raw output of one pass, in image coordinates. */
    static final class Result {
        float poseScore;
        /** 39 x {x, y, z, visibility, presence}, normalised to the image. */
        final float[] landmarks = new float[NUM * 5];
        /** 39 x {x, y, z} metres, rotated into the image orientation. */
        final float[] world = new float[NUM * 3];
        RoiBox roi;
    }

    private final TfliteModel model;
    private final float[] input = new float[SIZE * SIZE * 3];
    private final float[] rawLandmarks = new float[NUM * 5];
    private final float[] flag = new float[1];
    private final float[] rawWorld = new float[NUM * 3];
    private final float[] heatmap;
    private final int landmarksOut;
    private final int flagOut;
    private final int heatmapOut;
    private final int worldOut;
    private final int heatmapSize;

    LandmarkModel(Path modelFile, int numThreads) {
        model = new TfliteModel(modelFile, numThreads);
        int[] in = model.inputShape();
        if (!Arrays.equals(in, new int[] {1, SIZE, SIZE, 3})) {
            model.close();
            throw new IllegalStateException("Unexpected landmark input shape " + Arrays.toString(in) + " in " + modelFile);
        }
        int lm = -1, fl = -1, hm = -1, wl = -1, hmSize = 0;
        for (int i = 0; i < 5; i++) {
            String name = model.outputName(i);
            int[] shape = model.outputShape(i);
            int elements = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            switch (name) {
                case "Identity" -> lm = i;
                case "Identity_1" -> fl = i;
                case "Identity_3" -> {
                    hm = i;
                    hmSize = shape[1];
                }
                case "Identity_4" -> wl = i;
                default -> {
                    // Identity_2: segmentation, unused
                }
            }
            if (name.equals("Identity") && elements != NUM * 5 || name.equals("Identity_4") && elements != NUM * 3) {
                model.close();
                throw new IllegalStateException("Unexpected output " + name + " shape " + Arrays.toString(shape));
            }
        }
        if (lm < 0 || fl < 0 || hm < 0 || wl < 0) {
            model.close();
            throw new IllegalStateException("Landmark model " + modelFile + " lacks the expected outputs Identity..Identity_4");
        }
        landmarksOut = lm;
        flagOut = fl;
        heatmapOut = hm;
        worldOut = wl;
        heatmapSize = hmSize;
        heatmap = new float[hmSize * hmSize * NUM];
    }

    void preprocess(RgbImage img, RoiBox roi) {
        float w = roi.width() * img.width();
        float h = roi.height() * img.height();
        ImageOps.cropLikeGpu(img, roi.xCenter() * img.width(), roi.yCenter() * img.height(), w, h, roi.rotation(),
                SIZE, SIZE, 1f / 255f, 0f, false, input);
        model.setInput(input);
    }

    void infer() {
        model.invoke();
    }

    /** Reads the pose score only (cheap); call {@link #postprocess} only if the pose is present. */
    float poseScore() {
        model.readOutput(flagOut, flag);
        return flag[0];
    }

    void postprocess(RoiBox roi, Result out) {
        model.readOutput(landmarksOut, rawLandmarks);
        model.readOutput(heatmapOut, heatmap);
        model.readOutput(worldOut, rawWorld);
        out.poseScore = flag[0];
        out.roi = roi;
        float cos = (float) Math.cos(roi.rotation());
        float sin = (float) Math.sin(roi.rotation());
        int hs = heatmapSize;
        int half = (HEATMAP_KERNEL - 1) / 2;
        for (int i = 0; i < NUM; i++) {
            int o = i * 5;
            float x = rawLandmarks[o] / SIZE;
            float y = rawLandmarks[o + 1] / SIZE;
            float z = rawLandmarks[o + 2] / SIZE;
            float vis = sigmoid(rawLandmarks[o + 3]);
            float pres = sigmoid(rawLandmarks[o + 4]);
            // refine x, y from the heatmap around the predicted point
            // as RefineLandmarksFromHeatmapCalculator: truncation toward zero (a point just left of or above the
            // crop still refines from column/row 0), and its bounds check compares the column twice (row unchecked;
            // a row past the bottom refines from the rows the kernel still reaches)
            int cc = (int) (x * hs);
            int cr = (int) (y * hs);
            if (!(cc < 0 || cc >= hs || cr < 0 || cc >= hs)) {
                int c0 = Math.max(0, cc - half), c1 = Math.min(hs, cc + half + 1);
                int r0 = Math.max(0, cr - half), r1 = Math.min(hs, cr + half + 1);
                float sum = 0, wc = 0, wr = 0, max = 0;
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        float conf = sigmoid(heatmap[(r * hs + c) * NUM + i]);
                        sum += conf;
                        max = Math.max(max, conf);
                        wc += c * conf;
                        wr += r * conf;
                    }
                }
                if (max >= MIN_REFINE_CONFIDENCE && sum > 0) {
                    x = wc / hs / sum;
                    y = wr / hs / sum;
                }
            }
            // project from the ROI to the image (LandmarkProjectionCalculator)
            float dx = x - 0.5f;
            float dy = y - 0.5f;
            out.landmarks[o] = (cos * dx - sin * dy) * roi.width() + roi.xCenter();
            out.landmarks[o + 1] = (sin * dx + cos * dy) * roi.height() + roi.yCenter();
            out.landmarks[o + 2] = z * roi.width();
            out.landmarks[o + 3] = vis;
            out.landmarks[o + 4] = pres;
            // world landmarks: rotate x, y by the ROI angle (WorldLandmarkProjectionCalculator)
            int w = i * 3;
            float wx = rawWorld[w];
            float wy = rawWorld[w + 1];
            out.world[w] = cos * wx - sin * wy;
            out.world[w + 1] = sin * wx + cos * wy;
            out.world[w + 2] = rawWorld[w + 2];
        }
    }

    static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    @Override
    public void close() {
        model.close();
    }
}
