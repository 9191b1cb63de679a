package com.skillmirror.pose.step;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.pose.PoseSeries;
import com.skillmirror.pose.export.PoseCsvWriter;
import com.skillmirror.pose.export.PoseJsonWriter;
import com.skillmirror.pose.export.TrcWriter;
import com.skillmirror.pose.overlay.KeyFrames;
import com.skillmirror.pose.overlay.OverlayRenderer;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.upload.Video;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.FileSystemUtils;

/**
 * What a coach or an analyst takes away from the pose stage: landmarks and angles per frame as CSV and JSON, the
 * athlete's world landmarks as TRC (OpenSim, Kinovea), key frames with the skeleton drawn, and the overlay video.
 */
class PoseOutputs {

    /** Key frames are the extremes of the first of these angles the athlete has; a knee bends in most skills. */
    private static final List<String> KEY_ANGLES = List.of("left_knee_angle", "right_knee_angle", "left_elbow_angle",
            "trunk_lean");

    private final ObjectStorage storage;
    private final StageResults results;
    private final boolean overlayVideo;

    PoseOutputs(ObjectStorage storage, StageResults results, boolean overlayVideo) {
        this.storage = storage;
        this.results = results;
        this.overlayVideo = overlayVideo;
    }

    /** Writes the exports and images of one video; returns the key frames written (frame, time, why). */
    List<Map<String, Object>> write(Video video, PoseSeries series, int mainPerson) throws IOException {
        Path work = Files.createTempDirectory("skillmirror-pose-out-");
        try {
            List<KinematicSeries> people = new ArrayList<>();
            for (int id : series.personIds()) {
                people.add(Kinematics.of(series, id));
            }
            Path csv = work.resolve("landmarks.csv");
            try (var writer = Files.newBufferedWriter(csv)) {
                PoseCsvWriter.write(series, people, writer);
            }
            store(video, csv, "pose-csv", "pose/landmarks.csv", "text/csv");
            Path json = work.resolve("landmarks.json");
            PoseJsonWriter.write(series, people, json);
            store(video, json, "pose-json", "pose/landmarks.json", "application/json");
            Path trc = work.resolve("athlete.trc");
            TrcWriter.write(series, mainPerson, TrcWriter.Units.MM, trc);
            store(video, trc, "pose-trc", "pose/athlete.trc", "text/plain");

            Path proxy = work.resolve("proxy.mp4");
            storage.download(results.artifactKey(video.id(), "proxy").orElseThrow(), proxy);
            List<Map<String, Object>> keyFrames = new ArrayList<>();
            KinematicSeries athlete = people.stream().filter(k -> k.personId() == mainPerson).findFirst().orElseThrow();
            for (KeyFrames.KeyFrame key : keyFrames(athlete)) {
                String name = "keyframe-" + key.kind().name().toLowerCase() + ".jpg";
                Path jpeg = work.resolve(name);
                OverlayRenderer.keyFrame(proxy, series, key.frameIndex(), jpeg);
                store(video, jpeg, "keyframe-" + key.kind().name().toLowerCase(), "pose/" + name, "image/jpeg");
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("frame", key.frameIndex());
                entry.put("timeMs", key.timeMs());
                entry.put("kind", key.kind().name());
                entry.put("value", Math.round(key.value() * 10) / 10.0);
                keyFrames.add(entry);
            }
            if (overlayVideo) {
                Path overlay = work.resolve("overlay.mp4");
                OverlayRenderer.video(proxy, series, overlay, percent -> { });
                store(video, overlay, "overlay", "pose/overlay.mp4", "video/mp4");
            }
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

    private void store(Video video, Path file, String kind, String name, String contentType) throws IOException {
        String key = StorageKeys.output(video.uploadId(), video.id(), name);
        storage.put(key, file, contentType);
        results.artifact(video.id(), kind, key, contentType, Files.size(file));
    }
}
