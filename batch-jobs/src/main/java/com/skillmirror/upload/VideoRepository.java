package com.skillmirror.upload;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class VideoRepository {

    private final JdbcClient jdbc;

    public VideoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertUpload(UUID uploadId) {
        jdbc.sql("INSERT INTO upload (id, status) VALUES (?, 'RECEIVED')").param(uploadId).update();
    }

    public void insert(Video v) {
        jdbc.sql("""
                INSERT INTO video (id, upload_id, position, original_name, storage_key, size_bytes, athlete_name,
                                   skill_id, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(v.id(), v.uploadId(), v.position(), v.originalName(), v.storageKey(), v.sizeBytes(),
                        v.athleteName(), v.skillId(), v.status().name())
                .update();
    }

    public Optional<Video> find(UUID videoId) {
        return jdbc.sql("SELECT * FROM video WHERE id = ?").param(videoId).query(VideoRepository::map).optional();
    }

    public List<Video> findByUpload(UUID uploadId) {
        return jdbc.sql("SELECT * FROM video WHERE upload_id = ? ORDER BY position").param(uploadId)
                .query(VideoRepository::map).list();
    }

    /** Videos of the upload that are still in the running: the ones a next stage works on. */
    public List<Video> findActiveByUpload(UUID uploadId) {
        return jdbc.sql("SELECT * FROM video WHERE upload_id = ? AND status <> 'FAILED' ORDER BY position")
                .param(uploadId).query(VideoRepository::map).list();
    }

    public void markProcessing(UUID videoId) {
        jdbc.sql("UPDATE video SET status = 'PROCESSING' WHERE id = ? AND status = 'PENDING'").param(videoId).update();
    }

    public void markFailed(UUID videoId, String stage, String message) {
        jdbc.sql("UPDATE video SET status = 'FAILED', failed_stage = ?, error_message = ? WHERE id = ?")
                .params(stage, message, videoId).update();
    }

    /** Ends an upload: its videos that did not fail are complete; the upload is COMPLETED, PARTIAL or FAILED. */
    public String finishUpload(UUID uploadId, Long jobExecutionId, boolean jobFailed) {
        jdbc.sql("UPDATE video SET status = 'COMPLETED' WHERE upload_id = ? AND status <> 'FAILED'")
                .param(uploadId).update();
        if (jobFailed) {
            jdbc.sql("UPDATE video SET status = 'FAILED', failed_stage = COALESCE(failed_stage, 'job'),"
                    + " error_message = COALESCE(error_message, 'The analysis job failed; see the job log and restart it')"
                    + " WHERE upload_id = ? AND status = 'COMPLETED' AND NOT EXISTS"
                    + " (SELECT 1 FROM stage_result s WHERE s.video_id = video.id AND s.stage = 'decode')")
                    .param(uploadId).update();
        }
        int failed = jdbc.sql("SELECT count(*) FROM video WHERE upload_id = ? AND status = 'FAILED'")
                .param(uploadId).query(Integer.class).single();
        int all = jdbc.sql("SELECT count(*) FROM video WHERE upload_id = ?").param(uploadId).query(Integer.class).single();
        String status = jobFailed ? "FAILED" : failed == 0 ? "COMPLETED" : failed == all ? "FAILED" : "PARTIAL";
        jdbc.sql("UPDATE upload SET status = ?, job_execution_id = ?, finished_at = now() WHERE id = ?")
                .params(status, jobExecutionId, uploadId).update();
        return status;
    }

    public void markUploadRunning(UUID uploadId, long jobExecutionId) {
        jdbc.sql("UPDATE upload SET status = 'RUNNING', job_execution_id = ? WHERE id = ?")
                .params(jobExecutionId, uploadId).update();
    }

    public Optional<String> uploadStatus(UUID uploadId) {
        return jdbc.sql("SELECT status FROM upload WHERE id = ?").param(uploadId).query(String.class).optional();
    }

    public void recordProbe(UUID videoId, VideoProbe p, boolean variableFps,
                            double proxyFps, int proxyFrames) {
        jdbc.sql("""
                UPDATE video SET container = ?, video_codec = ?, audio_codec = ?, width = ?, height = ?, rotation = ?,
                    duration_ms = ?, source_fps = ?, variable_fps = ?, has_audio = ?, proxy_fps = ?, proxy_frames = ?
                WHERE id = ?""")
                .params(p.container(), p.videoCodec(), p.audioCodec(), p.width(), p.height(), p.rotation(),
                        p.durationMs(), p.frameRate(), variableFps, p.hasAudio(), proxyFps, proxyFrames, videoId)
                .update();
    }

    public int proxyFrames(UUID videoId) {
        return jdbc.sql("SELECT COALESCE(proxy_frames, 0) FROM video WHERE id = ?").param(videoId)
                .query(Integer.class).single();
    }

    public double proxyFps(UUID videoId) {
        return jdbc.sql("SELECT COALESCE(proxy_fps, 0) FROM video WHERE id = ?").param(videoId)
                .query(Double.class).single();
    }

    /** Videos whose decode stage completed, whatever later stages made of them (speech still applies). */
    public List<Video> findDecodedByUpload(UUID uploadId) {
        return jdbc.sql("""
                SELECT v.* FROM video v JOIN stage_result s ON s.video_id = v.id AND s.stage = 'decode'
                WHERE v.upload_id = ? AND s.status = 'COMPLETED' ORDER BY v.position""")
                .param(uploadId).query(VideoRepository::map).list();
    }

    private static Video map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Video(rs.getObject("id", UUID.class), rs.getObject("upload_id", UUID.class), rs.getInt("position"),
                rs.getString("original_name"), rs.getString("storage_key"), rs.getLong("size_bytes"),
                rs.getString("athlete_name"), rs.getString("skill_id"), VideoStatus.valueOf(rs.getString("status")),
                rs.getString("failed_stage"), rs.getString("error_message"));
    }
}
