package com.skillmirror.analysis;

import com.skillmirror.metrics.AnalysisMetrics;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Outcome of each stage per video (stage_result) and the objects it stored (artifact): the one way stages hand each
 * other their results, typed by {@link StageResult} and stored by {@link ResultCodec}, and store and find each
 * other's artifacts, named by {@link Artifact}. Upserts: a re-run replaces.
 */
@Repository
public class StageResults {

    private final JdbcClient jdbc;
    private final ObjectStorage storage;
    private final AnalysisMetrics metrics;

    /** Without meters in contexts that wire a slice of the app (tests). */
    public StageResults(JdbcClient jdbc, ObjectStorage storage,
                        org.springframework.beans.factory.ObjectProvider<AnalysisMetrics> metrics) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.metrics = metrics.getIfAvailable(AnalysisMetrics::none);
    }

    public <T> void complete(UUID videoId, StageResult<T> key, T result) {
        upsert(videoId, key.stage(), StageOutcome.Status.COMPLETED,
                ResultCodec.write(Objects.requireNonNull(result, "result"), key.version()), null);
    }

    /** A stage that had nothing to do for the video, and why (the report shows it). */
    public void skipped(UUID videoId, Stage stage, String reason) {
        upsert(videoId, stage, StageOutcome.Status.SKIPPED, null, reason);
    }

    /**
     * The video failed the stage: the message says why to the user; the failures meter counts it by the stage's
     * reason (a bounded tag: what a stage records as a failure is one kind of trouble per stage; an exception that
     * fails a step is counted by Spring Batch's step observation instead).
     */
    public void failed(UUID videoId, Stage stage, String message) {
        upsert(videoId, stage, StageOutcome.Status.FAILED, null, message);
        metrics.videoFailed(stage.stepName(), reason(stage));
    }

    static AnalysisMetrics.FailureReason reason(Stage stage) {
        return switch (stage) {
            case DECODE -> AnalysisMetrics.FailureReason.UNUSABLE_MEDIA;
            case POSE -> AnalysisMetrics.FailureReason.NO_ATHLETE;
            case COMPARE -> AnalysisMetrics.FailureReason.NOT_COMPARABLE;
            case REPORT -> AnalysisMetrics.FailureReason.REPORT_RENDERING;
            default -> AnalysisMetrics.FailureReason.OTHER;
        };
    }

    private void upsert(UUID videoId, Stage stage, StageOutcome.Status status, String summary, String error) {
        jdbc.sql("""
                INSERT INTO stage_result (video_id, stage, status, summary, error_message, updated_at)
                VALUES (?, ?, ?, CAST(? AS jsonb), ?, now())
                ON CONFLICT (video_id, stage) DO UPDATE SET status = EXCLUDED.status, summary = EXCLUDED.summary,
                    error_message = EXCLUDED.error_message, updated_at = now()""")
                .params(videoId, stage.stepName(), status.name(), summary, error)
                .update();
    }

    /** The stage's result, when the stage completed for the video. */
    public <T> Optional<T> result(UUID videoId, StageResult<T> key) {
        return jdbc.sql("SELECT summary::text FROM stage_result WHERE video_id = ? AND stage = ? AND status = ?"
                        + " AND summary IS NOT NULL")
                .params(videoId, key.stage().stepName(), StageOutcome.Status.COMPLETED.name())
                .query(String.class).optional()
                .map(json -> ResultCodec.read(json, key.type(), key.version()));
    }

    /** How each stage that recorded anything ended for the video, in stage order. */
    public Map<Stage, StageOutcome> outcomes(UUID videoId) {
        Map<Stage, StageOutcome> out = new EnumMap<>(Stage.class);
        jdbc.sql("SELECT stage, status, error_message FROM stage_result WHERE video_id = ?").param(videoId)
                .query((rs, i) -> new StageOutcome(stage(rs.getString("stage")),
                        StageOutcome.Status.valueOf(rs.getString("status")), rs.getString("error_message")))
                .list().forEach(o -> out.put(o.stage(), o));
        return out;
    }

    /** Stores the file as the video's artifact and records it; returns its storage key. */
    public String store(UUID uploadId, UUID videoId, Artifact artifact, Path file) throws IOException {
        String key = StorageKeys.artifact(uploadId, videoId, artifact);
        storage.put(key, file, artifact.contentType());
        record(videoId, artifact.kind(), key, artifact.contentType(), Files.size(file));
        return key;
    }

    /** Stores the bytes as the video's artifact and records it; returns its storage key. */
    public String store(UUID uploadId, UUID videoId, Artifact artifact, byte[] bytes) throws IOException {
        String key = StorageKeys.artifact(uploadId, videoId, artifact);
        storage.put(key, bytes, artifact.contentType());
        record(videoId, artifact.kind(), key, artifact.contentType(), bytes.length);
        return key;
    }

    /** Where the video's artifact is stored, once a stage recorded it. */
    public Optional<String> key(UUID videoId, Artifact artifact) {
        return jdbc.sql("SELECT storage_key FROM artifact WHERE video_id = ? AND kind = ?")
                .params(videoId, artifact.kind()).query(String.class).optional();
    }

    /** The video's artifact read whole (key frames, the landmark series); empty when no stage recorded it. */
    public Optional<byte[]> load(UUID videoId, Artifact artifact) throws IOException {
        Optional<String> key = key(videoId, artifact);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = storage.get(key.get())) {
            return Optional.of(in.readAllBytes());
        }
    }

    /** Streams a stored artifact (a video, say) into {@code target}; false when the video has none. */
    public boolean download(UUID videoId, Artifact artifact, java.nio.file.Path target) throws IOException {
        Optional<String> key = key(videoId, artifact);
        if (key.isEmpty()) {
            return false;
        }
        storage.download(key.get(), target);
        return true;
    }

    private void record(UUID videoId, String kind, String storageKey, String contentType, long size) {
        jdbc.sql("""
                INSERT INTO artifact (video_id, kind, storage_key, content_type, size_bytes) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (video_id, kind) DO UPDATE SET storage_key = EXCLUDED.storage_key,
                    content_type = EXCLUDED.content_type, size_bytes = EXCLUDED.size_bytes""")
                .params(videoId, kind, storageKey, contentType, size).update();
    }

    /**
     * Per stage, in stage order: status, error and result as plain JSON values (see {@link ResultCodec#plain}), as
     * report.json and the results API show them.
     */
    public Map<String, Map<String, Object>> forVideo(UUID videoId) {
        Map<Stage, Map<String, Object>> byStage = new EnumMap<>(Stage.class);
        jdbc.sql("SELECT stage, status, summary::text AS summary, error_message FROM stage_result WHERE video_id = ?")
                .param(videoId)
                .query((rs, i) -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("status", rs.getString("status"));
                    if (rs.getString("error_message") != null) {
                        r.put("error", rs.getString("error_message"));
                    }
                    if (rs.getString("summary") != null) {
                        r.put("result", ResultCodec.plain(rs.getString("summary")));
                    }
                    return Map.entry(stage(rs.getString("stage")), r);
                }).list()
                .forEach(e -> byStage.put(e.getKey(), e.getValue()));
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        byStage.forEach((stage, r) -> out.put(stage.stepName(), r));
        return out;
    }

    private static Stage stage(String stepName) {
        return Stage.valueOf(stepName.toUpperCase(Locale.ROOT));
    }

    /**
     * Copies the video's stage results and artifact records (sharing the stored files) to other videos, the n-th of
     * them (from 1) dated n times {@code olderBy} earlier: a database as full as a season of analyses without
     * analysing again (benchmarks).
     */
    public void copy(UUID fromVideo, List<UUID> toVideos, Duration olderBy) {
        UUID[] to = toVideos.toArray(UUID[]::new);
        jdbc.sql("""
                INSERT INTO stage_result (video_id, stage, status, summary, error_message, updated_at)
                SELECT t.video_id, s.stage, s.status, s.summary, s.error_message,
                       s.updated_at - t.n * make_interval(secs => :olderBy)
                  FROM unnest(CAST(:to AS uuid[])) WITH ORDINALITY AS t(video_id, n), stage_result s
                 WHERE s.video_id = :from""")
                .param("to", to).param("from", fromVideo).param("olderBy", olderBy.toSeconds()).update();
        jdbc.sql("""
                INSERT INTO artifact (video_id, kind, storage_key, content_type, size_bytes)
                SELECT t.video_id, a.kind, a.storage_key, a.content_type, a.size_bytes
                  FROM unnest(CAST(:to AS uuid[])) AS t(video_id), artifact a
                 WHERE a.video_id = :from""")
                .param("to", to).param("from", fromVideo).update();
    }

    /** The video's stored artifacts, kind to storage key, as report.json lists them. */
    public Map<String, String> artifacts(UUID videoId) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.sql("SELECT kind, storage_key FROM artifact WHERE video_id = ? ORDER BY kind").param(videoId)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
