package com.skillmirror.pose;

import com.skillmirror.landmarks.Landmark;
import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.RoiBox;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * BlazePose (MediaPipe Pose) on the JVM: person detector + landmark model, with MediaPipe's pre/post-processing.
 *
 * <p><b>Not thread-safe.</b> One estimator owns one detector and one landmark interpreter (each with
 * {@link PoseOptions#numThreads()} TFLite threads); use one estimator per worker thread, and at most one
 * {@link PoseTracker} of it at a time on that thread. Close it to free the native interpreters.
 */
public final class PoseEstimator implements AutoCloseable {

    private final PoseOptions options;
    private final PoseDetector detector;
    private final LandmarkModel landmarks;
    private final PoseTimings timings = new PoseTimings();
    private final LandmarkModel.Result scratch = new LandmarkModel.Result();

    public PoseEstimator(PoseModels models, PoseOptions options) {
        this.options = options;
        this.detector = new PoseDetector(models.detector(), options.numThreads(), options.minDetectionScore());
        try {
            this.landmarks = new LandmarkModel(models.landmark(options.model()), options.numThreads());
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    public PoseOptions options() {
        return options;
    }

    /** Cumulative per-part timings of this estimator (and its trackers). */
    public PoseTimings timings() {
        return timings;
    }

    /**
     * A still image, with MediaPipe's static-image semantics: the detector runs, then per detected person (in the
     * detector's order after weighted NMS, best first, up to {@link PoseOptions#maxPeople()}) the landmark model
     * runs once, on the ROI of that detection; no tracking, no smoothing. Ids are ranks (0 = MediaPipe's person).
     *
     * <p>Why one pass: MediaPipe's output for a still is the landmark pass on the detection's ROI; the ROI derived
     * from those landmarks only feeds the next frame. An earlier second "refinement" pass on that ROI moved the
     * result away from MediaPipe's on photos nobody tuned on: on the 22 fetched photos with a person of the parity
     * suite, 8 -> 14 within 2 % of the person's size, median 3.1 % -> 1.8 % (README, pose parity).
     */
    public List<PersonPose> estimateImage(RgbImage img) {
        timings.frames++;
        List<Detection> detections = detect(img);
        List<PersonPose> out = new ArrayList<>();
        List<float[]> accepted = new ArrayList<>();
        for (Detection d : detections) {
            if (out.size() >= options.maxPeople()) {
                break;
            }
            RoiBox roi = RoiMath.fromDetection(d, img.width(), img.height());
            LandmarkModel.Result r = runLandmarks(img, roi, new LandmarkModel.Result());
            if (r == null) {
                continue;
            }
            PersonPose pose = toPose(out.size(), r);
            float[] b = pose.landmarkBounds();
            if (overlapsAny(b, accepted, 0.5f)) {
                continue; // a second detection of the same person
            }
            accepted.add(b);
            out.add(pose);
        }
        return List.copyOf(out);
    }

    /** A stateful tracker for one video (frames in time order). */
    public PoseTracker tracker() {
        return new PoseTracker(this);
    }

    // ------------------------------------------------------------------ internals used by PoseTracker

    List<Detection> detect(RgbImage img) {
        long t0 = System.nanoTime();
        float[] padding = detector.preprocess(img);
        long t1 = System.nanoTime();
        detector.infer();
        long t2 = System.nanoTime();
        List<Detection> detections = detector.postprocess(padding);
        long t3 = System.nanoTime();
        timings.preprocessNanos += t1 - t0;
        timings.detectorNanos += t2 - t1;
        timings.postprocessNanos += t3 - t2;
        timings.detectorRuns++;
        return detections;
    }

    /** One landmark pass; null when the pose score is below the tracking threshold. */
    LandmarkModel.Result runLandmarks(RgbImage img, RoiBox roi, LandmarkModel.Result into) {
        long t0 = System.nanoTime();
        landmarks.preprocess(img, roi);
        long t1 = System.nanoTime();
        landmarks.infer();
        long t2 = System.nanoTime();
        float score = landmarks.poseScore();
        LandmarkModel.Result result = null;
        if (score >= options.minTrackingScore()) {
            landmarks.postprocess(roi, into);
            result = into;
        }
        long t3 = System.nanoTime();
        timings.preprocessNanos += t1 - t0;
        timings.landmarkNanos += t2 - t1;
        timings.postprocessNanos += t3 - t2;
        timings.landmarkRuns++;
        return result;
    }

    /** The next ROI from the auxiliary landmarks 33 (centre) and 34 (size/rotation). */
    static RoiBox roiFromLandmarks(LandmarkModel.Result r, int w, int h) {
        float[] l = r.landmarks;
        return RoiMath.roi(l[33 * 5], l[33 * 5 + 1], l[34 * 5], l[34 * 5 + 1], w, h);
    }

    static PersonPose toPose(int id, LandmarkModel.Result r) {
        List<Landmark> lms = new ArrayList<>(PersonPose.LANDMARK_COUNT);
        List<Landmark> world = new ArrayList<>(PersonPose.LANDMARK_COUNT);
        for (int i = 0; i < PersonPose.LANDMARK_COUNT; i++) {
            int o = i * 5;
            float vis = r.landmarks[o + 3];
            float pres = r.landmarks[o + 4];
            lms.add(new Landmark(r.landmarks[o], r.landmarks[o + 1], r.landmarks[o + 2], vis, pres));
            int w = i * 3;
            world.add(new Landmark(r.world[w], r.world[w + 1], r.world[w + 2], vis, pres));
        }
        return new PersonPose(id, r.poseScore, lms, world, r.roi);
    }

    static boolean overlapsAny(float[] b, Collection<float[]> others, float threshold) {
        for (float[] o : others) {
            if (Detection.iou(b[0], b[1], b[2], b[3], o[0], o[1], o[2], o[3]) > threshold) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        landmarks.close();
        detector.close();
    }
}
