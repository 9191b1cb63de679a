package com.skillmirror.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every object the analysis stores per video, and the one place its names are spelt: the kind recorded in the
 * {@code artifact} table (these strings are stored, so they never change), the file name under the video's storage
 * prefix ({@link StorageKeys#artifact}), the content type, and, for what a user takes away, how it is offered.
 * Declared in the order the exports are listed to users; working files (proxy, audio, landmark series) last.
 */
public enum Artifact {

    REPORT_HTML("report-html", "report.html", "text/html", new Export("Report (HTML)", "report.html")),
    REPORT_PDF("report-pdf", "report.pdf", "application/pdf", new Export("Report (PDF)", "report.pdf")),
    POSE_CSV("pose-csv", "pose/landmarks.csv", "text/csv",
            new Export("Landmarks and angles per frame (CSV)", "landmarks.csv")),
    POSE_JSON("pose-json", "pose/landmarks.json", "application/json",
            new Export("Landmarks and angles per frame (JSON)", "landmarks.json")),
    POSE_TRC("pose-trc", "pose/athlete.trc", "text/plain",
            new Export("Marker trajectories for OpenSim (TRC)", "athlete.trc")),
    OVERLAY("overlay", "pose/overlay.mp4", "video/mp4",
            new Export("Video with the skeleton drawn over it (MP4)", "overlay.mp4")),
    KEYFRAME_MIN("keyframe-min", "pose/keyframe-min.jpg", "image/jpeg",
            new Export("Key frame: smallest angle (JPEG)", "keyframe-min.jpg")),
    KEYFRAME_MAX("keyframe-max", "pose/keyframe-max.jpg", "image/jpeg",
            new Export("Key frame: largest angle (JPEG)", "keyframe-max.jpg")),
    /** The frame nearest the thumbnail time with the athlete's box drawn: who was analysed. */
    ATHLETE_FRAME("athlete-frame", "pose/athlete.jpg", "image/jpeg", null),
    SPEECH("speech", "speech/result.json", "application/json", new Export("Speech analysis (JSON)", "speech.json")),
    PROXY("proxy", "proxy.mp4", "video/mp4", null),
    THUMBNAIL("thumbnail", "thumbnail.jpg", "image/jpeg", null),
    AUDIO("audio", "audio.wav", "audio/wav", null),
    POSE_SERIES("pose-series", "pose/series.bin", "application/octet-stream", null),
    /** Every tracked person's angle series, computed once by the pose stage for compare and report. */
    KINEMATICS("pose-kinematics", "pose/kinematics.bin", "application/octet-stream", null);

    /** The key frames the pose stage draws, in the order reports show them (one per KeyFrames.Kind). */
    public static final List<Artifact> KEY_FRAMES = List.of(KEYFRAME_MIN, KEYFRAME_MAX);

    /** How an export is offered: its label in lists and the name a download is saved under. */
    public record Export(String label, String downloadName) {
    }

    private final String kind;
    private final String fileName;
    private final String contentType;
    private final Export export;

    Artifact(String kind, String fileName, String contentType, Export export) {
        this.kind = kind;
        this.fileName = fileName;
        this.contentType = contentType;
        this.export = export;
    }

    /** The value of {@code artifact.kind}; also the name in download URLs and in report.json's "artifacts". */
    public String kind() {
        return kind;
    }

    /** The path under the video's storage prefix, and under its folder in the CLI's output. */
    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    /** How users are offered it; empty for working files the stages pass to each other. */
    public Optional<Export> export() {
        return Optional.ofNullable(export);
    }

    public boolean exported() {
        return export != null;
    }

    /** The artifact a stored kind names; empty for a kind this version does not know. */
    public static Optional<Artifact> ofKind(String kind) {
        return Arrays.stream(values()).filter(a -> a.kind.equals(kind)).findFirst();
    }

    /** Everything users take away, in list order. */
    public static List<Artifact> exports() {
        return Arrays.stream(values()).filter(Artifact::exported).toList();
    }
}
