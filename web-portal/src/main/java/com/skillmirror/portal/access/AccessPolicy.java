package com.skillmirror.portal.access;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see what, in one place. Admins see everything; coaches and experts the teams they are members of (and
 * those teams' athletes, uploads and videos) plus uploads they made; athletes only their own athlete records and
 * videos. Anything not visible is reported as missing (404) so ids of other teams do not leak; a visible resource
 * the role may not change is 403.
 * <p>A read model: each check is one read-only query joining uploads, videos, athletes and team membership, which
 * their owners ({@code upload.VideoRepository}, {@code team.TeamRepository}) could only answer in several.
 */
@Component
public class AccessPolicy {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public AccessPolicy(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public void requireTeam(Actor actor, UUID teamId) {
        boolean visible = actor.isAdmin()
                ? exists("SELECT count(*) FROM team WHERE id = ?", teamId)
                : exists("SELECT count(*) FROM team_member WHERE team_id = ? AND user_id = ?", teamId, actor.id());
        if (!visible) {
            throw denied(actor, "team", teamId, "SELECT count(*) FROM team WHERE id = ?");
        }
    }

    public void requireManageTeam(Actor actor, UUID teamId) {
        requireTeam(actor, teamId);
        if (!actor.canManageTeams()) {
            audit.record(actor.username(), AuditLog.ACCESS_DENIED, "team:" + teamId, "role " + actor.role() + " may not change a team");
            throw new ForbiddenException("Your role (" + actor.role() + ") may view this team but not change it.");
        }
    }

    public void requireAthlete(Actor actor, UUID athleteId) {
        boolean visible = actor.isAdmin()
                ? exists("SELECT count(*) FROM athlete WHERE id = ?", athleteId)
                : exists("""
                        SELECT count(*) FROM athlete a WHERE a.id = ? AND (a.user_id = ? OR EXISTS
                          (SELECT 1 FROM team_member m WHERE m.team_id = a.team_id AND m.user_id = ?))""",
                        athleteId, actor.id(), actor.id());
        if (!visible) {
            throw denied(actor, "athlete", athleteId, "SELECT count(*) FROM athlete WHERE id = ?");
        }
    }

    /** Deleting or exporting an athlete's data: their coaches, admins, and the athlete themself. */
    public void requireManageAthlete(Actor actor, UUID athleteId) {
        requireAthlete(actor, athleteId);
        boolean self = exists("SELECT count(*) FROM athlete WHERE id = ? AND user_id = ?", athleteId, actor.id());
        if (!actor.canManageTeams() && !self) {
            audit.record(actor.username(), AuditLog.ACCESS_DENIED, "athlete:" + athleteId, "role " + actor.role() + " may not change an athlete");
            throw new ForbiddenException("Your role (" + actor.role() + ") may view this athlete but not change or export their data.");
        }
    }

    public void requireUpload(Actor actor, UUID uploadId) {
        if (!canSeeUpload(actor, uploadId)) {
            throw denied(actor, "upload", uploadId, "SELECT count(*) FROM upload WHERE id = ?");
        }
    }

    public void requireVideo(Actor actor, UUID videoId) {
        boolean visible = exists("""
                SELECT count(*) FROM video v LEFT JOIN athlete a ON a.id = v.athlete_id
                 WHERE v.id = ? AND a.user_id = ?""", videoId, actor.id())
                || jdbc.sql("SELECT upload_id FROM video WHERE id = ?").param(videoId).query(UUID.class).optional()
                        .map(upload -> canSeeUpload(actor, upload)).orElse(false);
        if (!visible) {
            throw denied(actor, "video", videoId, "SELECT count(*) FROM video WHERE id = ?");
        }
    }

    /**
     * Annotating a video (the coach's notes) or removing another's note: a coach or admin who manages the video's
     * team (for a video without a team, its uploader, or an admin). Whoever does not see the video gets 404; an
     * athlete, an expert, or a coach who sees the video only as its uploader outside the team gets 403.
     */
    public void requireManageVideo(Actor actor, UUID videoId) {
        requireVideo(actor, videoId);
        boolean manages = actor.canManageTeams() && (actor.isAdmin() || exists("""
                SELECT count(*) FROM video v JOIN upload u ON u.id = v.upload_id
                 WHERE v.id = ? AND ((u.team_id IS NULL AND u.created_by = ?) OR EXISTS
                   (SELECT 1 FROM team_member m WHERE m.team_id = u.team_id AND m.user_id = ?))""",
                videoId, actor.id(), actor.id()));
        if (!manages) {
            audit.record(actor.username(), AuditLog.ACCESS_DENIED, "video:" + videoId,
                    "role " + actor.role() + " may not annotate the video");
            throw new ForbiddenException("Your role (" + actor.role() + ") may view this video but only the coaches"
                    + " of its team (and admins) annotate it or remove others' notes.");
        }
    }

    private boolean canSeeUpload(Actor actor, UUID uploadId) {
        if (actor.isAdmin()) {
            return exists("SELECT count(*) FROM upload WHERE id = ?", uploadId);
        }
        return exists("""
                SELECT count(*) FROM upload u WHERE u.id = ? AND (u.created_by = ? OR EXISTS
                  (SELECT 1 FROM team_member m WHERE m.team_id = u.team_id AND m.user_id = ?))""",
                uploadId, actor.id(), actor.id());
    }

    /** An attempt at something that exists but is not the actor's is audited; both look the same to the caller. */
    private NotFoundException denied(Actor actor, String kind, UUID id, String existsSql) {
        if (exists(existsSql, id)) {
            audit.record(actor.username(), AuditLog.ACCESS_DENIED, kind + ":" + id, "not visible to role " + actor.role());
        }
        return new NotFoundException("No " + kind + " " + id);
    }

    private boolean exists(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single() > 0;
    }
}
