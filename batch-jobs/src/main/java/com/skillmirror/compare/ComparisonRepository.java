package com.skillmirror.compare;

import com.skillmirror.analysis.ResultCodec;
import com.skillmirror.analysis.Stage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code comparison} table's one owner: each person's comparison of a video with a pattern, stored as a
 * {@link Comparison} by {@link ResultCodec}.
 */
@Repository
public class ComparisonRepository {

    private final JdbcClient jdbc;

    public ComparisonRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The comparison a video's report shows: its main person's, and when it was made. */
    public record MainComparison(UUID videoId, Instant comparedAt, Double score, Comparison comparison) {
    }

    /** A re-run replaces the video's comparisons. */
    public void deleteForVideo(UUID videoId) {
        jdbc.sql("DELETE FROM comparison WHERE video_id = ?").param(videoId).update();
    }

    public void add(UUID videoId, UUID patternId, int personId, Comparison comparison) {
        jdbc.sql("""
                INSERT INTO comparison (id, video_id, pattern_id, person_id, score, result)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))""")
                .params(UUID.randomUUID(), videoId, patternId, personId, comparison.score(),
                        ResultCodec.write(comparison, Comparison.SCHEMA_VERSION))
                .update();
    }

    /** The stored pattern (expert_pattern id) the person in the video was compared with. */
    public Optional<UUID> patternId(UUID videoId, int personId) {
        return jdbc.sql("SELECT pattern_id FROM comparison WHERE video_id = ? AND person_id = ?")
                .params(videoId, personId).query(UUID.class).optional();
    }

    /**
     * The main person's comparison of each of these videos whose compare stage completed (the main person is the
     * one the compare stage's result names), oldest first.
     */
    public List<MainComparison> mainComparisons(Collection<UUID> videoIds) {
        if (videoIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT c.video_id, c.created_at, c.score, c.result::text AS result
                  FROM comparison c
                  JOIN stage_result r ON r.video_id = c.video_id AND r.stage = :stage AND r.status = 'COMPLETED'
                       AND c.person_id = COALESCE(CAST(r.summary ->> 'personId' AS INT), 0)
                 WHERE c.video_id = ANY(CAST(:videos AS uuid[]))
                 ORDER BY c.created_at, c.video_id""")
                .param("stage", Stage.COMPARE.stepName()).param("videos", videoIds.toArray(UUID[]::new))
                .query(ComparisonRepository::mainComparison).list();
    }

    /**
     * Copies the video's comparisons to other videos, the n-th of them (from 1) dated n times {@code olderBy}
     * earlier: a database as full as a season of analyses without analysing again (benchmarks).
     */
    public void copy(UUID fromVideo, List<UUID> toVideos, Duration olderBy) {
        jdbc.sql("""
                INSERT INTO comparison (id, video_id, pattern_id, score, result, created_at, person_id)
                SELECT gen_random_uuid(), t.video_id, m.pattern_id, m.score, m.result,
                       m.created_at - t.n * make_interval(secs => :olderBy), m.person_id
                  FROM unnest(CAST(:to AS uuid[])) WITH ORDINALITY AS t(video_id, n), comparison m
                 WHERE m.video_id = :from""")
                .param("to", toVideos.toArray(UUID[]::new)).param("from", fromVideo)
                .param("olderBy", olderBy.toSeconds()).update();
    }

    private static MainComparison mainComparison(ResultSet rs, int i) throws SQLException {
        Object score = rs.getObject("score");
        String result = rs.getString("result");
        return new MainComparison(rs.getObject("video_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                score instanceof Number n ? n.doubleValue() : null,
                result == null ? null : ResultCodec.read(result, Comparison.class, Comparison.SCHEMA_VERSION));
    }
}
