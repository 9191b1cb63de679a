package com.skillmirror.pose.step;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepProgress;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.pose.athlete.AthleteChoice;
import com.skillmirror.pose.export.PoseCsvWriter;
import com.skillmirror.pose.export.PoseJsonWriter;
import com.skillmirror.pose.export.TrcWriter;
import com.skillmirror.pose.overlay.KeyFrames;
import com.skillmirror.pose.overlay.OverlayRenderer;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.Video;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.FileSystemUtils;

/**
 * What a coach or an analyst takes away from the pose stage: landmarks and angles per frame as CSV and JSON, the
 * athlete's world landmarks as TRC (OpenSim, Kinovea) and key frames with the skeleton drawn (the overlay video is a
 * step of its own, {@link OverlayVideoTasklet}).
 */
class PoseOutputs {

    /** Key frames are the extremes of the first of these angles the athlete has; a knee bends in most skills. */
    private static final List<String> KEY_ANGLES = List.of("left_knee_angle", "right_knee_angle", "left_elbow_angle",
            "trunk_lean");

    private final ObjectStorage storage;
    private final StageResults results;

    PoseOutputs(ObjectStorage storage, StageResults results) {
        this.storage = storage;
        this.results = results;
    }

    /**
     * Writes the exports and images of one video; returns the key frames written (frame, time, why).
     *
     * @param people every tracked person's kinematics, in the series' person order
     * @param athlete who was analysed: drawn as a box on the frame nearest the thumbnail time
     */
    List<PoseResult.KeyFrame> write(Video video, PoseSeries series, List<KinematicSeries> people,
                                    AthleteChoice athlete, StepProgress steps) throws IOException {
        int mainPerson = athlete.personId();
        Path work = Files.createTempDirectory("skillmirror-pose-out-");
        try {
            steps.start("exports", "writing landmarks and angles (CSV, JSON, TRC)");
            Path csv = file(work, Artifact.POSE_CSV);
            try (var writer = Files.newBufferedWriter(csv)) {
                PoseCsvWriter.write(series, people, writer);
            }
            store(video, Artifact.POSE_CSV, csv);
            steps.report("exports", 1 / 3.0, "landmarks as CSV written");
            Path json = file(work, Artifact.POSE_JSON);
            PoseJsonWriter.write(series, people, json);
            store(video, Artifact.POSE_JSON, json);
            steps.report("exports", 2 / 3.0, "landmarks as JSON written");
            Path trc = file(work, Artifact.POSE_TRC);
            TrcWriter.write(series, mainPerson, TrcWriter.Units.MM, trc);
            store(video, Artifact.POSE_TRC, trc);
            steps.done("exports", "exports written");

            steps.start("keyframes", "drawing the athlete and the key frames");
            Path proxy = file(work, Artifact.PROXY);
            storage.download(results.key(video.id(), Artifact.PROXY).orElseThrow(), proxy);
            Path athleteFrame = file(work, Artifact.ATHLETE_FRAME);
            AthleteFrame.write(proxy, series, athlete, athleteFrame);
            store(video, Artifact.ATHLETE_FRAME, athleteFrame);
            List<PoseResult.KeyFrame> keyFrames = new ArrayList<>();
            KinematicSeries athleteAngles = people.stream().filter(k -> k.personId() == mainPerson).findFirst()
                    .orElseThrow();
            List<KeyFrames.KeyFrame> keys = keyFrames(athleteAngles);
            steps.report("keyframes", 1.0 / (keys.size() + 1), "athlete's frame drawn");
            for (KeyFrames.KeyFrame key : keys) {
                Artifact artifact = keyFrame(key.kind());
                Path jpeg = file(work, artifact);
                OverlayRenderer.keyFrame(proxy, series, key.frameIndex(), jpeg);
                store(video, artifact, jpeg);
                keyFrames.add(new PoseResult.KeyFrame(key.frameIndex(), key.timeMs(), key.kind(),
                        Math.round(key.value() * 10) / 10.0));
                steps.report("keyframes", (keyFrames.size() + 1.0) / (keys.size() + 1), "key frame "
                        + keyFrames.size() + " of " + keys.size() + " drawn");
            }
            steps.done("keyframes", keys.size() + " key frames drawn");
            return keyFrames;
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    private static List<KeyFrames.KeyFrame> keyFrames(KinematicSeries athlete) {
        for (String angle : KEY_ANGLES) {
            if (athlete.angleNames().contains(angle) && athlete.valuedCount(angle) > 0) {
                return KeyFrames.extremes(athlete, angle);
            }
        }
        return List.of();
    }

    /** Each kind of key frame has an artifact of its own; a new kind does not compile until it has one. */
    static Artifact keyFrame(KeyFrames.Kind kind) {
        return switch (kind) {
            case MIN -> Artifact.KEYFRAME_MIN;
            case MAX -> Artifact.KEYFRAME_MAX;
        };
    }

    /** The work file an artifact is written to before it is stored (same name as in storage, flat). */
    static Path file(Path work, Artifact artifact) {
        String name = artifact.fileName();
        return work.resolve(name.substring(name.lastIndexOf('/') + 1));
    }

    private void store(Video video, Artifact artifact, Path file) throws IOException {
        results.store(video.uploadId(), video.id(), artifact, file);
    }
}
