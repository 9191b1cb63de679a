package com.skillmirror.portal.team;

import com.skillmirror.portal.access.Actor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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

    private static Athlete athlete(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Athlete(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
                rs.getObject("user_id", UUID.class), rs.getString("name"));
    }
}
