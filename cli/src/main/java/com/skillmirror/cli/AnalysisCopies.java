package com.skillmirror.cli;

import com.skillmirror.upload.VideoRepository;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies of one finished analysis (upload, video, stage results, artifacts, comparisons), each in its own upload and
 * dated a day apart, sharing the stored files: a database as full as a season of analyses without analysing again.
 * The upload and video rows are copied by their owner, {@link VideoRepository}.
 */
final class AnalysisCopies {

    private AnalysisCopies() {
    }

    static List<UUID> copy(VideoRepository videos, JdbcClient jdbc, TransactionTemplate transaction, UUID videoId,
                           int copies) {
        return transaction.execute(status -> copyInTransaction(videos, jdbc, videoId, copies));
    }

    private static List<UUID> copyInTransaction(VideoRepository videos, JdbcClient jdbc, UUID videoId, int copies) {
        List<UUID> copied = videos.copyBackdated(videoId, copies);
        // the n-th copy is dated n days back, like its video row
        String copy = "unnest(CAST(:copies AS uuid[])) WITH ORDINALITY AS c(video_id, n)";
        String[] ids = copied.stream().map(UUID::toString).toArray(String[]::new);
        jdbc.sql("""
                INSERT INTO stage_result (video_id, stage, status, summary, error_message, updated_at)
                SELECT c.video_id, s.stage, s.status, s.summary, s.error_message, s.updated_at - c.n * interval '1 day'
                FROM %s, stage_result s WHERE s.video_id = :video""".formatted(copy))
                .param("copies", ids).param("video", videoId).update();
        jdbc.sql("""
                INSERT INTO artifact (video_id, kind, storage_key, content_type, size_bytes)
                SELECT c.video_id, a.kind, a.storage_key, a.content_type, a.size_bytes
                FROM %s, artifact a WHERE a.video_id = :video""".formatted(copy))
                .param("copies", ids).param("video", videoId).update();
        jdbc.sql("""
                INSERT INTO comparison (id, video_id, pattern_id, score, result, created_at, person_id)
                SELECT gen_random_uuid(), c.video_id, m.pattern_id, m.score, m.result,
                       m.created_at - c.n * interval '1 day', m.person_id
                FROM %s, comparison m WHERE m.video_id = :video""".formatted(copy))
                .param("copies", ids).param("video", videoId).update();
        return copied;
    }
}
