package com.skillmirror.portal.webhook;

import com.skillmirror.job.WebhookEvents;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A team's webhooks (table webhook): registered with a fresh secret (returned this once), listed without it, deleted. */
@Component
class Webhooks {

    private final JdbcClient jdbc;
    private final WebhookSecrets secrets;
    private final WebhookSettings settings;

    Webhooks(JdbcClient jdbc, WebhookSecrets secrets, WebhookSettings settings) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.settings = settings;
    }

    record Registered(UUID id, String url, List<String> events, String secret, Instant createdAt) {
        @Override
        public String toString() {
            return "Registered[id=" + id + ", events=" + events + "]";
        }
    }

    record Listed(UUID id, String url, List<String> events, Instant createdAt) {
    }

    /** 409: the team has as many webhooks as it may have. */
    static final class LimitReached extends RuntimeException {
        LimitReached(String message) {
            super(message);
        }
    }

    static List<String> events(List<String> requested) {
        if (requested == null || requested.isEmpty() || requested.size() > 10) {
            throw new IllegalArgumentException("Give the events: " + String.join(", ", WebhookEvents.ALL) + ".");
        }
        Set<String> events = new LinkedHashSet<>();
        for (String e : requested) {
            if (e == null || !WebhookEvents.ALL.contains(e)) {
                throw new IllegalArgumentException("Unknown event; give some of " + String.join(", ", WebhookEvents.ALL) + ".");
            }
            events.add(e);
        }
        return new ArrayList<>(events);
    }

    @Transactional
    Registered register(UUID teamId, String url, List<String> requestedEvents, UUID createdBy) {
        URI uri = WebhookUrls.parse(url);
        List<String> events = events(requestedEvents);
        WebhookUrls.requirePublic(uri, settings.allowPrivateTargets());
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("webhook:" + teamId).query((rs, n) -> 1).list();
        long existing = jdbc.sql("SELECT count(*) FROM webhook WHERE team_id = ?").param(teamId).query(Long.class).single();
        if (existing >= settings.maxPerTeam()) {
            throw new LimitReached("The team has " + existing + " webhooks, the most it may have; delete one first.");
        }
        String secret = WebhookSecrets.newSecret();
        UUID id = UUID.randomUUID();
        // created_at is the database's now(), the clock the events are stamped with (fan-out compares the two; the
        // JVM's clock running ahead of the database's would lose the events of the first moments)
        Instant now = jdbc.sql("INSERT INTO webhook (id, team_id, url, events, secret_encrypted, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?) RETURNING created_at")
                .params(id, teamId, uri.toString(), String.join(",", events), secrets.encrypt(secret), createdBy)
                .query(java.sql.Timestamp.class).single().toInstant();
        return new Registered(id, uri.toString(), events, secret, now);
    }

    List<Listed> list(UUID teamId) {
        return jdbc.sql("SELECT id, url, events, created_at FROM webhook WHERE team_id = ? ORDER BY created_at, id")
                .param(teamId).query(Webhooks::listed).list();
    }

    boolean exists(UUID teamId, UUID webhookId) {
        return jdbc.sql("SELECT count(*) FROM webhook WHERE id = ? AND team_id = ?").params(webhookId, teamId)
                .query(Long.class).single() > 0;
    }

    boolean delete(UUID teamId, UUID webhookId) {
        return jdbc.sql("DELETE FROM webhook WHERE id = ? AND team_id = ?").params(webhookId, teamId).update() == 1;
    }

    private static Listed listed(ResultSet rs, int n) throws SQLException {
        return new Listed(rs.getObject("id", UUID.class), rs.getString("url"), List.of(rs.getString("events").split(",")),
                rs.getTimestamp("created_at").toInstant());
    }
}
