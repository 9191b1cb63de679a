package com.skillmirror.pose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MediaPipe's BlazePose person detector (pose_detection.tflite) with the decoding of the pose_detection graph:
 * 224x224 letterbox in [-1, 1] with zero border (sampled as MediaPipe's GPU converter does, see {@link ImageOps}), SSD anchors (5 layers, strides 8/16/32/32/32, fixed size),
 * sigmoid scores (clipped at ±100) thresholded, weighted non-max suppression (IoU 0.3), letterbox removal.
 * Not thread-safe.
 */
final class PoseDetector implements AutoCloseable {

    static final int SIZE = 224;
    static final int NUM_ANCHORS = 2254;
    static final int NUM_COORDS = 12;
    static final int NUM_KEYPOINTS = 4;
    static final float NMS_IOU = 0.3f;

    private final TfliteModel model;
    private final float[] anchors = generateAnchors();
    private final float[] input = new float[SIZE * SIZE * 3];
    private final float[] boxes = new float[NUM_ANCHORS * NUM_COORDS];
    private final float[] scores = new float[NUM_ANCHORS];
    private final int boxesOutput;
    private final int scoresOutput;
    private final float minScore;

    PoseDetector(Path modelFile, int numThreads, float minScore) {
        this.model = new TfliteModel(modelFile, numThreads);
        this.minScore = minScore;
        int[] in = model.inputShape();
        if (!Arrays.equals(in, new int[] {1, SIZE, SIZE, 3})) {
            model.close();
            throw new IllegalStateException("Unexpected detector input shape " + Arrays.toString(in) + " in " + modelFile);
        }
        int b = -1;
        int s = -1;
        for (int i = 0; i < 2; i++) {
            int[] shape = model.outputShape(i);
            int last = shape[shape.length - 1];
            if (last == NUM_COORDS) {
                b = i;
            } else if (last == 1) {
                s = i;
            }
        }
        if (b < 0 || s < 0) {
            model.close();
            throw new IllegalStateException("Unexpected detector outputs in " + modelFile);
        }
        boxesOutput = b;
        scoresOutput = s;
    }

    /** SSD anchor centres {x, y} * 2254 for the pose detector (fixed anchor size 1x1). */
    static float[] generateAnchors() {
        int[] strides = {8, 16, 32, 32, 32};
        float[] out = new float[NUM_ANCHORS * 2];
        int n = 0;
        int layer = 0;
        while (layer < strides.length) {
            int last = layer;
            int perLocation = 0;
            while (last < strides.length && strides[last] == strides[layer]) {
                perLocation += 2; // aspect ratio 1.0 + interpolated scale (aspect 1.0)
                last++;
            }
            int fm = (int) Math.ceil((double) SIZE / strides[layer]);
            for (int y = 0; y < fm; y++) {
                for (int x = 0; x < fm; x++) {
                    for (int a = 0; a < perLocation; a++) {
                        out[2 * n] = (x + 0.5f) / fm;
                        out[2 * n + 1] = (y + 0.5f) / fm;
                        n++;
                    }
                }
            }
            layer = last;
        }
        if (n != NUM_ANCHORS) {
            throw new IllegalStateException("Generated " + n + " anchors, expected " + NUM_ANCHORS);
        }
        return out;
    }

    /** Pre-processing: letterbox the whole image into the input tensor; returns {padX, padY} (normalised). */
    float[] preprocess(RgbImage img) {
        int w = img.width();
        int h = img.height();
        float side = Math.max(w, h);
        ImageOps.cropLikeGpu(img, w / 2f, h / 2f, side, side, 0f, SIZE, SIZE, 2f / 255f, -1f, true, input);
        model.setInput(input);
        return new float[] {(1f - w / side) / 2f, (1f - h / side) / 2f};
    }

    void infer() {
        model.invoke();
    }

    /** Post-processing: decode, NMS, letterbox removal. Sorted by score, best first. */
    List<Detection> postprocess(float[] padding) {
        model.readOutput(boxesOutput, boxes);
        model.readOutput(scoresOutput, scores);
        List<Detection> raw = new ArrayList<>();
        for (int i = 0; i < NUM_ANCHORS; i++) {
            float logit = Math.max(-100f, Math.min(100f, scores[i]));
            float score = (float) (1.0 / (1.0 + Math.exp(-logit)));
            if (score < minScore) {
                continue;
            }
            int o = i * NUM_COORDS;
            float ax = anchors[2 * i];
            float ay = anchors[2 * i + 1];
            float xc = boxes[o] / SIZE + ax;
            float yc = boxes[o + 1] / SIZE + ay;
            float bw = boxes[o + 2] / SIZE;
            float bh = boxes[o + 3] / SIZE;
            if (bw <= 0 || bh <= 0) {
                continue;
            }
            float[] kp = new float[NUM_KEYPOINTS * 2];
            for (int k = 0; k < NUM_KEYPOINTS; k++) {
                kp[2 * k] = boxes[o + 4 + 2 * k] / SIZE + ax;
                kp[2 * k + 1] = boxes[o + 4 + 2 * k + 1] / SIZE + ay;
            }
            raw.add(new Detection(score, xc - bw / 2, yc - bh / 2, xc + bw / 2, yc + bh / 2, kp));
        }
        List<Detection> kept = weightedNms(raw, NMS_IOU);
        List<Detection> out = new ArrayList<>(kept.size());
        float px = padding[0];
        float py = padding[1];
        float sx = 1f - 2 * px;
        float sy = 1f - 2 * py;
        for (Detection d : kept) {
            float[] kp = new float[d.keypoints().length];
            for (int k = 0; k < NUM_KEYPOINTS; k++) {
                kp[2 * k] = (d.keypoints()[2 * k] - px) / sx;
                kp[2 * k + 1] = (d.keypoints()[2 * k + 1] - py) / sy;
            }
            out.add(new Detection(d.score(), (d.xmin() - px) / sx, (d.ymin() - py) / sy,
                    (d.xmax() - px) / sx, (d.ymax() - py) / sy, kp));
        }
        return out;
    }

    /** MediaPipe's WEIGHTED non-max suppression: clusters by IoU, score-weighted average of box and keypoints. */
    static List<Detection> weightedNms(List<Detection> detections, float iouThreshold) {
        List<Detection> remaining = new ArrayList<>(detections);
        remaining.sort((a, b) -> Float.compare(b.score(), a.score()));
        List<Detection> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Detection top = remaining.get(0);
            List<Detection> cluster = new ArrayList<>();
            List<Detection> rest = new ArrayList<>();
            for (Detection d : remaining) {
                float iou = Detection.iou(top.xmin(), top.ymin(), top.xmax(), top.ymax(),
                        d.xmin(), d.ymin(), d.xmax(), d.ymax());
                if (iou > iouThreshold) {
                    cluster.add(d);
                } else {
                    rest.add(d);
                }
            }
            float total = 0;
            float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            float[] kp = new float[top.keypoints().length];
            for (Detection d : cluster) {
                float s = d.score();
                total += s;
                x0 += d.xmin() * s;
                y0 += d.ymin() * s;
                x1 += d.xmax() * s;
                y1 += d.ymax() * s;
                for (int k = 0; k < kp.length; k++) {
                    kp[k] += d.keypoints()[k] * s;
                }
            }
            if (cluster.isEmpty() || total <= 0) {
                out.add(top);
            } else {
                for (int k = 0; k < kp.length; k++) {
                    kp[k] /= total;
                }
                out.add(new Detection(top.score(), x0 / total, y0 / total, x1 / total, y1 / total, kp));
            }
            if (rest.size() == remaining.size()) {
                break;
            }
            remaining = rest;
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
