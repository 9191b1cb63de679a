package com.skillmirror.portal.upload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A team's uploads, newest first, for its page. Callers check that the team is visible. */
@Component
public class TeamUploads {

    /** Enough for a season of weekly sessions; older ones stay reachable through the API. */
    private static final int LIMIT = 100;

    public record Row(UUID id, String status, OffsetDateTime createdAt, long videos) {
    }

    private final JdbcClient jdbc;

    TeamUploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Row> of(UUID teamId) {
        return jdbc.sql("""
                SELECT u.id, u.status, u.created_at, (SELECT count(*) FROM video v WHERE v.upload_id = u.id) AS videos
                  FROM upload u WHERE u.team_id = ? ORDER BY u.created_at DESC LIMIT ?""")
                .params(teamId, LIMIT)
                .query((rs, i) -> new Row(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getLong("videos")))
                .list();
    }
}
