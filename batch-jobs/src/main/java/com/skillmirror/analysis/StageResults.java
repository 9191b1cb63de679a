package com.skillmirror.analysis;

import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outcome of each stage per video (stage_result) and the objects it stored (artifact): the one way stages store and
 * find each other's artifacts, named by {@link Artifact}. Upserts: a re-run replaces.
 */
@Repository
public class StageResults {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ObjectStorage storage;

    public StageResults(JdbcClient jdbc, JsonMapper json, ObjectStorage storage) {
        this.jdbc = jdbc;
        this.json = json;
        this.storage = storage;
    }

    public void completed(UUID videoId, Stage stage, Object summary) {
        upsert(videoId, stage, "COMPLETED", summary, null);
    }

    public void skipped(UUID videoId, Stage stage, Object summary, String reason) {
        upsert(videoId, stage, "SKIPPED", summary, reason);
    }

    public void failed(UUID videoId, Stage stage, String message) {
        upsert(videoId, stage, "FAILED", null, message);
    }

    private void upsert(UUID videoId, Stage stage, String status, Object summary, String error) {
        jdbc.sql("""
                INSERT INTO stage_result (video_id, stage, status, summary, error_message, updated_at)
                VALUES (?, ?, ?, CAST(? AS jsonb), ?, now())
                ON CONFLICT (video_id, stage) DO UPDATE SET status = EXCLUDED.status, summary = EXCLUDED.summary,
                    error_message = EXCLUDED.error_message, updated_at = now()""")
                .params(videoId, stage.stepName(), status, summary == null ? null : json.writeValueAsString(summary), error)
                .update();
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

    private void record(UUID videoId, String kind, String storageKey, String contentType, long size) {
        jdbc.sql("""
                INSERT INTO artifact (video_id, kind, storage_key, content_type, size_bytes) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (video_id, kind) DO UPDATE SET storage_key = EXCLUDED.storage_key,
                    content_type = EXCLUDED.content_type, size_bytes = EXCLUDED.size_bytes""")
                .params(videoId, kind, storageKey, contentType, size).update();
    }

    /** Per stage: status, error and summary (parsed), in stage order. */
    public Map<String, Map<String, Object>> forVideo(UUID videoId) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        jdbc.sql("SELECT stage, status, summary::text AS summary, error_message FROM stage_result WHERE video_id = ?")
                .param(videoId)
                .query((rs, i) -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("status", rs.getString("status"));
                    if (rs.getString("error_message") != null) {
                        r.put("error", rs.getString("error_message"));
                    }
                    if (rs.getString("summary") != null) {
                        r.put("result", json.readValue(rs.getString("summary"), Object.class));
                    }
                    return Map.entry(rs.getString("stage"), r);
                }).list().stream()
                .sorted(java.util.Comparator.comparing(e -> Stage.valueOf(e.getKey().toUpperCase(java.util.Locale.ROOT))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
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
