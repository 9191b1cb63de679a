package com.skillmirror.portal.team;

import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.Role;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The team aggregate, a team with its members, roster (athletes) and invites: the only class that writes the
 * {@code team}, {@code team_member}, {@code athlete} and {@code team_invite} tables.
 */
@Repository
public class TeamRepository {

    private final JdbcClient jdbc;

    public TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Team create(String name, UUID creator) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO team (id, name) VALUES (?, ?)").params(id, name).update();
        addMember(id, creator);
        return new Team(id, name);
    }

    public void addMember(UUID teamId, UUID userId) {
        jdbc.sql("INSERT INTO team_member (team_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING").params(teamId, userId).update();
    }

    public Optional<Team> find(UUID id) {
        return jdbc.sql("SELECT id, name FROM team WHERE id = ?").param(id)
                .query((rs, n) -> new Team(rs.getObject("id", UUID.class), rs.getString("name"))).optional();
    }

    /** Teams the actor manages or reads: all for admins, member teams for others. */
    public List<Team> visibleTo(Actor actor) {
        String sql = actor.isAdmin() ? "SELECT id, name FROM team WHERE ? IS NOT NULL ORDER BY name"
                : "SELECT t.id, t.name FROM team t JOIN team_member m ON m.team_id = t.id WHERE m.user_id = ? ORDER BY t.name";
        return jdbc.sql(sql).param(actor.id())
                .query((rs, n) -> new Team(rs.getObject("id", UUID.class), rs.getString("name"))).list();
    }

    public List<Map<String, Object>> members(UUID teamId) {
        return jdbc.sql("SELECT u.id, u.username, u.role FROM app_user u JOIN team_member m ON m.user_id = u.id"
                        + " WHERE m.team_id = ? ORDER BY u.username")
                .param(teamId).query((rs, n) -> Map.<String, Object>of("id", rs.getObject("id", UUID.class),
                        "username", rs.getString("username"), "role", rs.getString("role"))).list();
    }

    public List<Athlete> athletes(UUID teamId) {
        return jdbc.sql("SELECT * FROM athlete WHERE team_id = ? ORDER BY name").param(teamId).query(TeamRepository::athlete).list();
    }

    public Optional<Athlete> athlete(UUID id) {
        return jdbc.sql("SELECT * FROM athlete WHERE id = ?").param(id).query(TeamRepository::athlete).optional();
    }

    public Optional<Athlete> athleteByName(UUID teamId, String name) {
        return jdbc.sql("SELECT * FROM athlete WHERE team_id = ? AND name = ?").params(teamId, name)
                .query(TeamRepository::athlete).optional();
    }

    public List<Athlete> athletesOfUser(UUID userId) {
        return jdbc.sql("SELECT * FROM athlete WHERE user_id = ? ORDER BY name").param(userId).query(TeamRepository::athlete).list();
    }

    public Athlete addAthlete(UUID teamId, String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO athlete (id, team_id, name) VALUES (?, ?, ?)").params(id, teamId, name).update();
        return new Athlete(id, teamId, null, name);
    }

    /** Links the account to the roster entry unless it already has one; false when it had (the caller rolls back). */
    public boolean linkUnclaimed(UUID athleteId, UUID userId) {
        return jdbc.sql("UPDATE athlete SET user_id = ? WHERE id = ? AND user_id IS NULL").params(userId, athleteId).update() == 1;
    }

    /** Removes the roster entry; the caller has erased the athlete's videos first. */
    public void deleteAthlete(UUID id) {
        jdbc.sql("DELETE FROM athlete WHERE id = ?").param(id).update();
    }

    /** An invite stored by its token's hash; the token itself is never stored. */
    public void insertInvite(String tokenHash, UUID teamId, Role role, UUID athleteId, UUID createdBy, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO team_invite (token_hash, team_id, role, athlete_id, created_by, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(tokenHash, teamId, role.name(), athleteId, createdBy, Timestamp.from(expiresAt)).update();
    }

    public Optional<PendingInvite> pendingInvite(String tokenHash) {
        return jdbc.sql("""
                SELECT i.team_id, t.name AS team_name, i.role, i.athlete_id, a.name AS athlete_name
                  FROM team_invite i JOIN team t ON t.id = i.team_id LEFT JOIN athlete a ON a.id = i.athlete_id
                 WHERE i.token_hash = ? AND i.used_at IS NULL AND i.expires_at > now()""")
                .param(tokenHash)
                .query((rs, n) -> new PendingInvite(rs.getObject("team_id", UUID.class), rs.getString("team_name"),
                        Role.valueOf(rs.getString("role")), rs.getObject("athlete_id", UUID.class),
                        rs.getString("athlete_name"))).optional();
    }

    /** Marks the invite used; false when it was used already (two accepts of one link race, one wins). */
    public boolean claimInvite(String tokenHash) {
        return jdbc.sql("UPDATE team_invite SET used_at = now() WHERE token_hash = ? AND used_at IS NULL")
                .param(tokenHash).update() == 1;
    }

    public void recordInviteUser(String tokenHash, UUID userId) {
        jdbc.sql("UPDATE team_invite SET used_by = ? WHERE token_hash = ?").params(userId, tokenHash).update();
    }

    private static Athlete athlete(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Athlete(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
                rs.getObject("user_id", UUID.class), rs.getString("name"));
    }
}
