package com.skillmirror.upload;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The upload aggregate, an upload and its videos: the only class that writes the {@code upload} and {@code video}
 * tables (see the package comment for who else may read them).
 */
@Repository
public class VideoRepository {

    /**
     * The decode step's name, as {@code stage_result.stage} stores it. {@code analysis.StepNames.DECODE} is defined
     * as this constant: analysis builds on upload, so upload cannot import it without a package cycle.
     */
    public static final String DECODE_STEP = "decode";
    /** The report step's name likewise ({@code analysis.StepNames.REPORT}): a video's last stage. */
    public static final String REPORT_STEP = "report";

    private final JdbcClient jdbc;

    public VideoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The upload and its videos, complete from the first insert (owner, athletes, tags), in one transaction: a video
     * tagged with a roster athlete of another team (or of none, when the upload has no team) inserts nothing.
     */
    @Transactional
    public void insertUpload(UUID uploadId, UploadOwner owner, List<Video> videos) {
        insertUpload(uploadId, owner, videos, java.util.Map.of());
    }

    /** As {@link #insertUpload(UUID, UploadOwner, List)}, with the coach's athlete points of some videos. */
    @Transactional
    public void insertUpload(UUID uploadId, UploadOwner owner, List<Video> videos,
                             java.util.Map<UUID, AthletePoint> athletePoints) {
        Set<UUID> athletes = new HashSet<>();
        videos.stream().map(Video::athleteId).filter(java.util.Objects::nonNull).forEach(athletes::add);
        for (UUID athlete : athletes) {
            // read here, in the insert's transaction, so no caller can tag another team's athlete
            boolean onTeam = owner.teamId() != null && jdbc.sql("SELECT count(*) FROM athlete WHERE id = ? AND team_id = ?")
                    .params(athlete, owner.teamId()).query(Long.class).single() > 0;
            if (!onTeam) {
                throw new UploadRejectedException("Athlete " + athlete + " is not on this upload's team; nothing was"
                        + " stored.");
            }
        }
        jdbc.sql("INSERT INTO upload (id, team_id, created_by, status) VALUES (?, ?, ?, 'RECEIVED')")
                .params(uploadId, owner.teamId(), owner.createdBy()).update();
        for (Video v : videos) {
            jdbc.sql("""
                    INSERT INTO video (id, upload_id, position, original_name, storage_key, size_bytes, athlete_id,
                                       athlete_name, skill_id, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(v.id(), v.uploadId(), v.position(), v.originalName(), v.storageKey(), v.sizeBytes(),
                            v.athleteId(), v.athleteName(), v.skillId(), v.status().name())
                    .update();
            AthletePoint point = athletePoints.get(v.id());
            if (point != null) {
                setAthletePoint(v.id(), point);
            }
        }
    }

    /** The coach's point on the video's thumbnail saying who the athlete is; empty when none was given. */
    public Optional<AthletePoint> athletePoint(UUID videoId) {
        return jdbc.sql("SELECT athlete_x, athlete_y FROM video WHERE id = ? AND athlete_x IS NOT NULL")
                .param(videoId).query((rs, i) -> new AthletePoint(rs.getDouble(1), rs.getDouble(2))).optional();
    }

    /** Sets (or, with null, removes) the video's athlete point; false when there is no such video. */
    public boolean setAthletePoint(UUID videoId, AthletePoint point) {
        return jdbc.sql("UPDATE video SET athlete_x = ?, athlete_y = ? WHERE id = ?")
                .params(point == null ? null : point.x(), point == null ? null : point.y(), videoId).update() == 1;
    }

    /**
     * Sets the video's athlete point only if it differs from the stored one, in one statement: of two requests with
     * the same new point, only one sees true (and so only one analyses the video again).
     */
    public boolean changeAthletePoint(UUID videoId, AthletePoint point) {
        Double x = point == null ? null : point.x();
        Double y = point == null ? null : point.y();
        return jdbc.sql("UPDATE video SET athlete_x = ?, athlete_y = ? WHERE id = ?"
                        + " AND (athlete_x IS DISTINCT FROM CAST(? AS double precision)"
                        + " OR athlete_y IS DISTINCT FROM CAST(? AS double precision))")
                .params(x, y, videoId, x, y).update() == 1;
    }

    public Optional<Video> find(UUID videoId) {
        return jdbc.sql("SELECT * FROM video WHERE id = ?").param(videoId).query(VideoRepository::map).optional();
    }

    public List<Video> findByUpload(UUID uploadId) {
        return jdbc.sql("SELECT * FROM video WHERE upload_id = ? ORDER BY position").param(uploadId)
                .query(VideoRepository::map).list();
    }

    /** A video's probed duration (null before decoding) and its size: what progress estimates are made from. */
    public record Length(UUID videoId, Long durationMs, long sizeBytes) {
    }

    public List<Length> lengths(UUID uploadId) {
        return jdbc.sql("SELECT id, duration_ms, size_bytes FROM video WHERE upload_id = ? ORDER BY position")
                .param(uploadId).query((rs, row) -> new Length(rs.getObject("id", UUID.class),
                        rs.getObject("duration_ms", Long.class), rs.getLong("size_bytes"))).list();
    }

    /** Videos of the upload that are still in the running: the ones a next stage works on. */
    public List<Video> findActiveByUpload(UUID uploadId) {
        return jdbc.sql("SELECT * FROM video WHERE upload_id = ? AND status <> 'FAILED' ORDER BY position")
                .param(uploadId).query(VideoRepository::map).list();
    }

    /** A roster athlete's videos, oldest first. */
    public List<Video> findByAthlete(UUID athleteId) {
        return jdbc.sql("SELECT * FROM video WHERE athlete_id = ? ORDER BY created_at, id").param(athleteId)
                .query(VideoRepository::map).list();
    }

    /** Erases a roster athlete's videos; their stage results, artifacts and comparisons cascade. */
    public int deleteByAthlete(UUID athleteId) {
        return jdbc.sql("DELETE FROM video WHERE athlete_id = ?").param(athleteId).update();
    }

    /** A team's uploads, newest first, at most {@code limit}. */
    public List<UploadSummary> uploadsOfTeam(UUID teamId, int limit) {
        return jdbc.sql("""
                SELECT u.id, u.status, u.created_at, (SELECT count(*) FROM video v WHERE v.upload_id = u.id) AS videos
                  FROM upload u WHERE u.team_id = ? ORDER BY u.created_at DESC LIMIT ?""")
                .params(teamId, limit)
                .query((rs, i) -> new UploadSummary(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getLong("videos")))
                .list();
    }

    public void markProcessing(UUID videoId) {
        jdbc.sql("UPDATE video SET status = 'PROCESSING' WHERE id = ? AND status = 'PENDING'").param(videoId).update();
    }

    public void markFailed(UUID videoId, String stage, String message) {
        jdbc.sql("UPDATE video SET status = 'FAILED', failed_stage = ?, error_message = ? WHERE id = ?")
                .params(stage, message, videoId).update();
    }

    /** Ends an upload whose job completed: its videos that did not fail are complete; COMPLETED, PARTIAL or FAILED. */
    public String finishUpload(UUID uploadId, Long jobExecutionId, boolean jobFailed) {
        return finishUpload(uploadId, jobExecutionId, jobFailed, "The analysis job failed; resume it");
    }

    /**
     * Ends an upload. When its job completed, its videos that did not fail are complete and the upload is COMPLETED,
     * PARTIAL or FAILED. When the job failed, the upload is FAILED and only the videos whose report is stored are
     * complete; the others that had not failed on their own are INTERRUPTED with {@code reason} (a resume continues
     * them), so no video says COMPLETED without its results. Returns null, changing nothing, when the upload's job
     * has been resumed as a newer execution than {@code jobExecutionId} meanwhile: that one ends it.
     */
    public String finishUpload(UUID uploadId, Long jobExecutionId, boolean jobFailed, String reason) {
        Long current = jdbc.sql("SELECT job_execution_id FROM upload WHERE id = ? FOR UPDATE").param(uploadId)
                .query(Long.class).optional().orElse(null);
        if (current != null && jobExecutionId != null && !current.equals(jobExecutionId)) {
            return null;
        }
        if (jobFailed) {
            jdbc.sql("UPDATE video SET status = CASE WHEN EXISTS (SELECT 1 FROM stage_result s WHERE s.video_id = video.id"
                            + " AND s.stage = ? AND s.status = 'COMPLETED') THEN 'COMPLETED' ELSE 'INTERRUPTED' END,"
                            + " error_message = CASE WHEN EXISTS (SELECT 1 FROM stage_result s WHERE s.video_id = video.id"
                            + " AND s.stage = ? AND s.status = 'COMPLETED') THEN error_message ELSE ? END"
                            + " WHERE upload_id = ? AND status NOT IN ('FAILED', 'COMPLETED')")
                    .params(REPORT_STEP, REPORT_STEP, reason, uploadId).update();
        } else {
            jdbc.sql("UPDATE video SET status = 'COMPLETED', error_message = NULL"
                            + " WHERE upload_id = ? AND status NOT IN ('FAILED', 'COMPLETED')")
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

    /** The upload's job runs (again): its interrupted videos are back in the running. */
    public void markUploadRunning(UUID uploadId, long jobExecutionId) {
        jdbc.sql("UPDATE upload SET status = 'RUNNING', job_execution_id = ?, finished_at = NULL WHERE id = ?")
                .params(jobExecutionId, uploadId).update();
        jdbc.sql("UPDATE video SET status = 'PROCESSING', error_message = NULL WHERE upload_id = ? AND status = 'INTERRUPTED'")
                .param(uploadId).update();
    }

    public Optional<String> uploadStatus(UUID uploadId) {
        return jdbc.sql("SELECT status FROM upload WHERE id = ?").param(uploadId).query(String.class).optional();
    }

    /** The upload's team; empty for an upload of no team (the CLI, an upload without a team). */
    public Optional<UUID> uploadTeam(UUID uploadId) {
        return jdbc.sql("SELECT team_id FROM upload WHERE id = ? AND team_id IS NOT NULL").param(uploadId)
                .query(UUID.class).optional();
    }

    /** The job execution that analysed (or is analysing) the upload; empty before its analysis started. */
    public Optional<Long> jobExecutionId(UUID uploadId) {
        return jdbc.sql("SELECT job_execution_id FROM upload WHERE id = ?").param(uploadId).query(Long.class).optional();
    }

    /**
     * Load-test data: copies of one analysed video, the n-th in its own copy of the video's upload dated n days
     * earlier, sharing the stored files. Returns the copies' video ids, n = 1 first; copying the stage results is
     * the caller's part.
     */
    @Transactional
    public List<UUID> copyBackdated(UUID videoId, int copies) {
        List<UUID> uploads = IntStream.range(0, copies).mapToObj(i -> UUID.randomUUID()).toList();
        List<UUID> videos = IntStream.range(0, copies).mapToObj(i -> UUID.randomUUID()).toList();
        String copy = "unnest(CAST(:uploads AS uuid[]), CAST(:videos AS uuid[])) WITH ORDINALITY AS c(upload_id, video_id, n)";
        jdbc.sql("""
                INSERT INTO upload (id, team_id, created_by, status, created_at, finished_at)
                SELECT c.upload_id, u.team_id, u.created_by, u.status, u.created_at - c.n * interval '1 day',
                       u.finished_at - c.n * interval '1 day'
                FROM %s, video v JOIN upload u ON u.id = v.upload_id WHERE v.id = :video""".formatted(copy))
                .param("uploads", uuidArray(uploads)).param("videos", uuidArray(videos)).param("video", videoId)
                .update();
        jdbc.sql("""
                INSERT INTO video (id, upload_id, position, original_name, storage_key, size_bytes, athlete_id,
                    athlete_name, skill_id, status, failed_stage, error_message, container, video_codec, audio_codec,
                    width, height, rotation, duration_ms, source_fps, variable_fps, has_audio, proxy_fps, proxy_frames,
                    created_at)
                SELECT c.video_id, c.upload_id, v.position, v.original_name, v.storage_key, v.size_bytes, v.athlete_id,
                    v.athlete_name, v.skill_id, v.status, v.failed_stage, v.error_message, v.container, v.video_codec,
                    v.audio_codec, v.width, v.height, v.rotation, v.duration_ms, v.source_fps, v.variable_fps,
                    v.has_audio, v.proxy_fps, v.proxy_frames, v.created_at - c.n * interval '1 day'
                FROM %s, video v WHERE v.id = :video""".formatted(copy))
                .param("uploads", uuidArray(uploads)).param("videos", uuidArray(videos)).param("video", videoId)
                .update();
        return videos;
    }

    /** Ids as a text array: the driver binds String[] as text[], which PostgreSQL casts to uuid[]. */
    private static String[] uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
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
                SELECT v.* FROM video v JOIN stage_result s ON s.video_id = v.id AND s.stage = ?
                WHERE v.upload_id = ? AND s.status = 'COMPLETED' ORDER BY v.position""")
                .params(DECODE_STEP, uploadId).query(VideoRepository::map).list();
    }

    private static Video map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Video(rs.getObject("id", UUID.class), rs.getObject("upload_id", UUID.class), rs.getInt("position"),
                rs.getString("original_name"), rs.getString("storage_key"), rs.getLong("size_bytes"),
                rs.getObject("athlete_id", UUID.class), rs.getString("athlete_name"), rs.getString("skill_id"),
                VideoStatus.valueOf(rs.getString("status")), rs.getString("failed_stage"), rs.getString("error_message"));
    }
}
