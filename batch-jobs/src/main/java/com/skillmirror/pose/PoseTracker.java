package com.skillmirror.pose;

import com.skillmirror.landmarks.PersonPose;
import com.skillmirror.landmarks.RoiBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per-video pose tracking with MediaPipe Pose's video semantics: the detector finds a person, the landmark model
 * runs on the ROI derived from the previous frame's (smoothed auxiliary) landmarks, and the detector runs again
 * only when tracking is lost (pose score below {@link PoseOptions#minTrackingScore()}): as in MediaPipe, the frame
 * where the track is lost is empty and the detector runs on the next one. Landmarks are One-Euro smoothed with
 * MediaPipe's parameters when {@link PoseOptions#smoothing()} is on.
 *
 * <p>Multi-person ({@code maxPeople > 1}): the detector also runs every {@link PoseOptions#detectEveryNFrames()}
 * frames and at once when a track is lost; detections overlapping a live track (IoU &gt; 0.3) are ignored, others
 * start new tracks (one landmark pass per person per frame); tracks converging on the same person are merged. Ids
 * are stable while a person is tracked; a person re-found within a second near where a track was lost gets the old
 * id back (with one person, the id is always 0).
 *
 * <p><b>Not thread-safe</b>, and it shares its estimator's interpreters: one tracker per estimator at a time.
 */
public final class PoseTracker {

    private static final float TRACK_MATCH_IOU = 0.3f;
    private static final float DUPLICATE_IOU = 0.5f;
    private static final long REUSE_ID_NANOS = 1_000_000_000L;

    private static final class Track {
        final int id;
        RoiBox roi;
        float[] bounds;
        LandmarkSmoother smoother;

        Track(int id, boolean smoothing) {
            this.id = id;
            this.smoother = new LandmarkSmoother(smoothing);
        }
    }

    private record LostTrack(int id, float[] bounds, long timeNanos) {
    }

    private final PoseEstimator estimator;
    private final PoseOptions options;
    private final List<Track> tracks = new ArrayList<>();
    private final List<LostTrack> lost = new ArrayList<>();
    private int nextId;
    private long frameIndex;
    private long lastTimeNanos = Long.MIN_VALUE;

    PoseTracker(PoseEstimator estimator) {
        this.estimator = estimator;
        this.options = estimator.options();
    }

    /** Cumulative per-part timings (shared with the estimator). */
    public PoseTimings timings() {
        return estimator.timings();
    }

    /** Forgets all tracks (e.g. after a seek). */
    public void reset() {
        tracks.clear();
        lost.clear();
        frameIndex = 0;
        lastTimeNanos = Long.MIN_VALUE;
    }

    /**
     * The poses in the next frame of the video.
     *
     * @param timeMs presentation time of the frame in milliseconds, increasing
     * @return the tracked people, ordered by id
     */
    public List<PersonPose> next(RgbImage frame, long timeMs) {
        // as in MediaPipe, time 0 is "unset" for the One-Euro filters: a first frame at 0 does not start them and
        // the next frame keeps the default frequency (an earlier +1 ns here made every tracked clip starting at 0
        // drift from MediaPipe's from its third frame on: 0.56 % -> 0.002 % on the parity suite's talking head)
        long t = timeMs * 1_000_000L;
        if (t <= lastTimeNanos) {
            throw new IllegalArgumentException("Frame times must increase: " + timeMs + " ms after "
                    + lastTimeNanos / 1_000_000L + " ms");
        }
        lastTimeNanos = t;
        PoseTimings timings = estimator.timings();
        timings.frames++;
        int w = frame.width();
        int h = frame.height();
        List<Track> kept = new ArrayList<>();
        List<LandmarkModel.Result> results = new ArrayList<>();
        boolean lostOne = false;
        for (Track track : tracks) {
            LandmarkModel.Result r = estimator.runLandmarks(frame, track.roi, new LandmarkModel.Result());
            if (r == null) {
                lost.add(new LostTrack(track.id, track.bounds, t));
                lostOne = true;
            } else {
                kept.add(track);
                results.add(r);
            }
        }
        // one person: MediaPipe's graph, where a track lost in this frame leaves the frame empty and the detector
        // runs on the next frame (re-detecting at once found the cyclist of the parity suite's g1 clip in a frame
        // where MediaPipe finds nobody); several people: a lost track triggers the detector at once
        boolean lostAlone = lostOne && options.maxPeople() == 1;
        boolean detect = !lostAlone && (kept.isEmpty() || lostOne
                || (options.maxPeople() > 1 && frameIndex % options.detectEveryNFrames() == 0));
        frameIndex++;
        if (detect) {
            long p0 = System.nanoTime();
            List<float[]> liveBounds = new ArrayList<>();
            for (LandmarkModel.Result r : results) {
                liveBounds.add(r.roi.bounds(w, h));
            }
            timings.postprocessNanos += System.nanoTime() - p0;
            for (Detection d : estimator.detect(frame)) {
                if (kept.size() >= options.maxPeople()) {
                    break;
                }
                RoiBox roi = RoiMath.fromDetection(d, w, h);
                float[] b = roi.bounds(w, h);
                if (PoseEstimator.overlapsAny(b, liveBounds, TRACK_MATCH_IOU)) {
                    continue;
                }
                LandmarkModel.Result r = estimator.runLandmarks(frame, roi, new LandmarkModel.Result());
                if (r == null) {
                    continue;
                }
                Track track = new Track(reuseOrNewId(b, t), options.smoothing());
                kept.add(track);
                results.add(r);
                liveBounds.add(b);
            }
        }
        long p0 = System.nanoTime();
        List<PersonPose> out = new ArrayList<>(kept.size());
        tracks.clear();
        List<float[]> outBounds = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            Track track = kept.get(i);
            LandmarkModel.Result r = results.get(i);
            track.smoother.apply(r, t, w, h);
            PersonPose pose = PoseEstimator.toPose(track.id, r);
            float[] bounds = pose.landmarkBounds();
            if (PoseEstimator.overlapsAny(bounds, outBounds, DUPLICATE_IOU)) {
                continue; // two tracks on one person: keep the older (earlier in the list)
            }
            outBounds.add(bounds);
            track.roi = PoseEstimator.roiFromLandmarks(r, w, h);
            track.bounds = bounds;
            tracks.add(track);
            out.add(pose);
        }
        lost.removeIf(x -> t - x.timeNanos() > REUSE_ID_NANOS
                || tracks.stream().anyMatch(tr -> tr.id == x.id()));
        out.sort(Comparator.comparingInt(PersonPose::id));
        timings.postprocessNanos += System.nanoTime() - p0;
        return List.copyOf(out);
    }

    private int reuseOrNewId(float[] bounds, long t) {
        if (options.maxPeople() == 1) {
            return 0;
        }
        LostTrack best = null;
        float bestIou = 0.1f;
        for (LostTrack x : lost) {
            if (x.bounds() == null || t - x.timeNanos() > REUSE_ID_NANOS) {
                continue;
            }
            float iou = Detection.iou(bounds[0], bounds[1], bounds[2], bounds[3],
                    x.bounds()[0], x.bounds()[1], x.bounds()[2], x.bounds()[3]);
            if (iou > bestIou && tracks.stream().noneMatch(tr -> tr.id == x.id())) {
                best = x;
                bestIou = iou;
            }
        }
        if (best != null) {
            lost.remove(best);
            return best.id();
        }
        return nextId++;
    }
}
