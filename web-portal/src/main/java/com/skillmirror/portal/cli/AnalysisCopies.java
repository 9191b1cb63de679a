package com.skillmirror.portal.cli;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies of one finished analysis (upload, video, stage results, artifacts, comparisons), each in its own upload and
 * dated a day apart, sharing the stored files: a database as full as a season of analyses without analysing again.
 */
final class AnalysisCopies {

    private AnalysisCopies() {
    }

    static List<UUID> copy(JdbcClient jdbc, TransactionTemplate transaction, UUID uploadId, UUID videoId, int copies) {
        return transaction.execute(status -> copyInTransaction(jdbc, uploadId, videoId, copies));
    }

    private static List<UUID> copyInTransaction(JdbcClient jdbc, UUID uploadId, UUID videoId, int copies) {
        jdbc.sql("""
                CREATE TEMP TABLE bench_copy ON COMMIT DROP AS
                SELECT gen_random_uuid() AS upload_id, gen_random_uuid() AS video_id, g AS n
                FROM generate_series(1, :copies) g""").param("copies", copies).update();
        jdbc.sql("""
                INSERT INTO upload (id, team_id, created_by, status, created_at, finished_at)
                SELECT c.upload_id, u.team_id, u.created_by, u.status, u.created_at - c.n * interval '1 day',
                       u.finished_at - c.n * interval '1 day'
                FROM bench_copy c, upload u WHERE u.id = :upload""").param("upload", uploadId).update();
        jdbc.sql("""
                INSERT INTO video (id, upload_id, position, original_name, storage_key, size_bytes, athlete_id,
                    athlete_name, skill_id, status, failed_stage, error_message, container, video_codec, audio_codec,
                    width, height, rotation, duration_ms, source_fps, variable_fps, has_audio, proxy_fps, proxy_frames,
                    created_at)
                SELECT c.video_id, c.upload_id, v.position, v.original_name, v.storage_key, v.size_bytes, v.athlete_id,
                    v.athlete_name, v.skill_id, v.status, v.failed_stage, v.error_message, v.container, v.video_codec,
                    v.audio_codec, v.width, v.height, v.rotation, v.duration_ms, v.source_fps, v.variable_fps,
                    v.has_audio, v.proxy_fps, v.proxy_frames, v.created_at - c.n * interval '1 day'
                FROM bench_copy c, video v WHERE v.id = :video""").param("video", videoId).update();
        jdbc.sql("""
                INSERT INTO stage_result (video_id, stage, status, summary, error_message, updated_at)
                SELECT c.video_id, s.stage, s.status, s.summary, s.error_message, s.updated_at - c.n * interval '1 day'
                FROM bench_copy c, stage_result s WHERE s.video_id = :video""").param("video", videoId).update();
        jdbc.sql("""
                INSERT INTO artifact (video_id, kind, storage_key, content_type, size_bytes)
                SELECT c.video_id, a.kind, a.storage_key, a.content_type, a.size_bytes
                FROM bench_copy c, artifact a WHERE a.video_id = :video""").param("video", videoId).update();
        jdbc.sql("""
                INSERT INTO comparison (id, video_id, pattern_id, score, result, created_at, person_id)
                SELECT gen_random_uuid(), c.video_id, m.pattern_id, m.score, m.result,
                       m.created_at - c.n * interval '1 day', m.person_id
                FROM bench_copy c, comparison m WHERE m.video_id = :video""").param("video", videoId).update();
        return jdbc.sql("SELECT video_id FROM bench_copy ORDER BY n").query(UUID.class).list();
    }
}
