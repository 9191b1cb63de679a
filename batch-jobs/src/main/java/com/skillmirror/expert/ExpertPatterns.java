package com.skillmirror.expert;

import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Experts and versioned, content-hashed patterns: the only writer of the {@code expert} and {@code expert_pattern}
 * tables. Saving a pattern whose hash is already stored changes nothing. Finding a pattern's key frames reads the
 * takes' videos and artifacts directly (a read model, see the {@code upload} package comment).
 */
@Repository
public class ExpertPatterns {

    private final JdbcClient jdbc;
    private final ObjectStorage storage;

    public ExpertPatterns(JdbcClient jdbc, ObjectStorage storage) {
        this.jdbc = jdbc;
        this.storage = storage;
    }

    /** Finds the expert by name or creates it; the profile is updated from the latest manifest. */
    @Transactional
    public UUID expert(ExpertProfile profile) {
        Optional<UUID> existing = jdbc.sql("SELECT id FROM expert WHERE name = ?").param(profile.name())
                .query(UUID.class).optional();
        if (existing.isPresent()) {
            jdbc.sql("UPDATE expert SET achievements = ?, credits = ?, footage_licence = ? WHERE id = ?")
                    .params(profile.achievements(), profile.credits(), profile.footageLicence(), existing.get()).update();
            return existing.get();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO expert (id, name, achievements, credits, footage_licence) VALUES (?, ?, ?, ?, ?)")
                .params(id, profile.name(), profile.achievements(), profile.credits(), profile.footageLicence()).update();
        return id;
    }

    /** Stores the pattern as the next version for its skill and expert, unless the same content is stored already. */
    @Transactional
    public StoredPattern save(ExpertPattern pattern, UUID expertId) throws IOException {
        Optional<StoredPattern> same = byHash(pattern.contentHash());
        if (same.isPresent()) {
            return same.get();
        }
        String key = StorageKeys.pattern(pattern.skillId(), pattern.contentHash());
        byte[] bytes = pattern.toJson().getBytes(StandardCharsets.UTF_8);
        storage.put(key, bytes, "application/json");
        int version = jdbc.sql("""
                SELECT COALESCE(MAX(version), 0) + 1 FROM expert_pattern
                WHERE skill_id = ? AND expert_id IS NOT DISTINCT FROM ?""")
                .params(pattern.skillId(), expertId).query(Integer.class).single();
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                INSERT INTO expert_pattern (id, expert_id, skill_id, version, content_hash, source, storage_key)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING""")
                .params(id, expertId, pattern.skillId(), version, pattern.contentHash(),
                        pattern.source() == PatternSource.PUBLISHED_NORM ? "PUBLISHED_NORM" : "VIDEO", key)
                .update();
        return inserted == 1 ? new StoredPattern(id, expertId, version, pattern) : byHash(pattern.contentHash()).orElseThrow();
    }

    /** Remembers which upload holds the analysed takes of a pattern built from expert videos. */
    public void recordTakes(UUID patternId, UUID uploadId) {
        jdbc.sql("UPDATE expert_pattern SET takes_upload_id = ? WHERE id = ?").params(uploadId, patternId).update();
    }

    /**
     * The key frames (artifact kind to JPEG) of the first take of the pattern's expert that has them, e.g. the
     * expert at the deepest point of a squat; empty for a published norm or when the takes were deleted.
     */
    public Map<String, byte[]> keyFrames(String contentHash, List<Artifact> artifacts) throws IOException {
        List<String> kinds = artifacts.stream().map(Artifact::kind).toList();
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT a.kind, a.storage_key FROM expert_pattern p
                  JOIN video v ON v.upload_id = p.takes_upload_id
                  JOIN artifact a ON a.video_id = v.id
                 WHERE p.content_hash = :hash AND a.kind IN (:kinds)
                   AND v.id = (SELECT v2.id FROM video v2 JOIN artifact a2 ON a2.video_id = v2.id
                                WHERE v2.upload_id = p.takes_upload_id AND a2.kind IN (:kinds)
                                ORDER BY v2.position LIMIT 1)""")
                .param("hash", contentHash).param("kinds", kinds).query().listOfRows();
        Map<Object, Object> keys = new HashMap<>();
        rows.forEach(row -> keys.put(row.get("kind"), row.get("storage_key")));
        Map<String, byte[]> frames = new LinkedHashMap<>();
        for (String kind : kinds) {
            if (keys.get(kind) instanceof String key) {
                try (InputStream in = storage.get(key)) {
                    frames.put(kind, in.readAllBytes());
                }
            }
        }
        return frames;
    }

    /** The expert's newest pattern of a skill (the comparison player's choice of expert). */
    public Optional<UUID> newest(UUID expertId, String skillId) {
        return jdbc.sql("SELECT id FROM expert_pattern WHERE expert_id = ? AND skill_id = ? ORDER BY version DESC LIMIT 1")
                .params(expertId, skillId).query(UUID.class).optional();
    }

    /**
     * The video the comparison player shows for a pattern: the first completed take of a VIDEO pattern's takes
     * upload that has a proxy and landmarks; empty for a published norm or when the takes were deleted.
     */
    public Optional<UUID> takeWithFootage(UUID patternId) {
        return jdbc.sql("""
                SELECT v.id FROM expert_pattern p JOIN video v ON v.upload_id = p.takes_upload_id
                 WHERE p.id = ? AND p.source = 'VIDEO' AND v.status = 'COMPLETED'
                   AND EXISTS (SELECT 1 FROM artifact a WHERE a.video_id = v.id AND a.kind = ?)
                   AND EXISTS (SELECT 1 FROM artifact a WHERE a.video_id = v.id AND a.kind = ?)
                 ORDER BY v.position LIMIT 1""")
                .params(patternId, Artifact.PROXY.kind(), Artifact.POSE_SERIES.kind()).query(UUID.class).optional();
    }

    public Optional<StoredPattern> find(UUID id) {
        return rows("SELECT id, expert_id, version, storage_key FROM expert_pattern WHERE id = ?", id).stream().findFirst();
    }

    public Optional<StoredPattern> byHash(String hash) {
        return rows("SELECT id, expert_id, version, storage_key FROM expert_pattern WHERE content_hash = ?", hash)
                .stream().findFirst();
    }

    /** The pattern an athlete is compared with by default: the newest from expert videos, else a published norm. */
    public Optional<StoredPattern> defaultFor(String skillId) {
        return rows("""
                SELECT id, expert_id, version, storage_key FROM expert_pattern WHERE skill_id = ?
                ORDER BY (source = 'VIDEO') DESC, created_at DESC LIMIT 1""", skillId).stream().findFirst();
    }

    public List<Map<String, Object>> experts() {
        return jdbc.sql("""
                SELECT e.id, e.name, e.achievements, e.credits, e.footage_licence AS "footageLicence",
                       (SELECT count(*) FROM expert_pattern p WHERE p.expert_id = e.id) AS patterns
                FROM expert e ORDER BY e.name""").query().listOfRows();
    }

    public Optional<Map<String, Object>> expertWithPatterns(UUID id) {
        Optional<Map<String, Object>> expert = jdbc.sql("""
                SELECT id, name, achievements, credits, footage_licence AS "footageLicence" FROM expert WHERE id = ?""")
                .param(id).query().listOfRows().stream().findFirst();
        expert.ifPresent(e -> e.put("patterns", jdbc.sql("""
                SELECT id, skill_id AS "skillId", version, content_hash AS "contentHash", source, created_at AS "createdAt"
                FROM expert_pattern WHERE expert_id = ? ORDER BY skill_id, version""").param(id).query().listOfRows()));
        return expert;
    }

    private List<StoredPattern> rows(String sql, Object param) {
        return jdbc.sql(sql).param(param).query((rs, i) -> {
            try (InputStream in = storage.get(rs.getString("storage_key"))) {
                return new StoredPattern(rs.getObject("id", UUID.class), rs.getObject("expert_id", UUID.class),
                        rs.getInt("version"), ExpertPattern.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("Pattern " + rs.getString("id") + " is missing from storage ("
                        + rs.getString("storage_key") + "): " + e.getMessage(), e);
            }
        }).list();
    }
}
