package com.skillmirror.portal.webhook;

import com.skillmirror.job.WebhookEvents;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox (webhook_delivery) and its log (webhook_attempt). Events of the analysis job (webhook_event) become
 * one delivery per webhook of the team that asked for the event and existed when it happened; due deliveries are
 * claimed with FOR UPDATE SKIP LOCKED and leased (their next attempt moved past the send's time limit), so several
 * portal replicas never send one attempt twice and a process that dies mid-send leaves it to be retried.
 */
@Component
class WebhookDeliveries {

    private final JdbcClient jdbc;
    /** Events older than this are not fanned out any more (skillmirror.webhooks.event-window). */
    private final Duration eventWindow;

    WebhookDeliveries(JdbcClient jdbc, WebhookSettings settings) {
        this.jdbc = jdbc;
        this.eventWindow = settings.eventWindow();
    }

    record Due(UUID id, UUID webhookId, String event, int attempts, String url, String secretEncrypted, String payload) {
        @Override
        public String toString() {
            return "Due[id=" + id + ", event=" + event + ", attempts=" + attempts + "]";
        }
    }

    record Attempt(int attempt, Integer statusCode, String error, Instant attemptedAt, Instant nextAttemptAt) {
    }

    record Delivery(UUID id, String event, String status, int attempts, Integer lastStatusCode, String lastError,
                    Instant createdAt, Instant nextAttemptAt, List<Attempt> log) {
    }

    /** New deliveries for events not yet fanned out; returns how many. */
    int fanOut() {
        return jdbc.sql("""
                INSERT INTO webhook_delivery (id, webhook_id, event_id, event, status)
                SELECT md5(w.id::text || e.id::text)::uuid, w.id, e.id, e.event, 'PENDING'
                  FROM webhook_event e JOIN webhook w ON w.team_id = e.team_id
                 WHERE e.created_at > now() - make_interval(secs => ?) AND w.created_at <= e.created_at
                   AND (',' || w.events || ',') LIKE ('%,' || e.event || ',%')
                   AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.webhook_id = w.id AND d.event_id = e.id)
                ON CONFLICT (webhook_id, event_id) DO NOTHING""")
                .param((double) eventWindow.toSeconds()).update();
    }

    /**
     * Deletes the events older than {@code retention} with their deliveries and attempt logs (the foreign keys
     * cascade); returns how many events went.
     */
    int purge(Duration retention) {
        return new WebhookEvents(() -> jdbc).purgeOlderThan(retention);
    }

    /** Claims up to {@code limit} due deliveries for this process, leased for {@code lease}. */
    List<Due> claim(int limit, Duration lease) {
        return jdbc.sql("""
                WITH due AS (
                    SELECT id FROM webhook_delivery WHERE status = 'PENDING' AND next_attempt_at <= now()
                     ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                UPDATE webhook_delivery d SET next_attempt_at = now() + make_interval(secs => ?)
                  FROM due, webhook w, webhook_event e
                 WHERE d.id = due.id AND w.id = d.webhook_id AND e.id = d.event_id
                RETURNING d.id, d.webhook_id, d.event, d.attempts, w.url, w.secret_encrypted, e.payload""")
                .params(limit, lease.toMillis() / 1000.0)
                .query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
                        rs.getString("event"), rs.getInt("attempts"), rs.getString("url"),
                        rs.getString("secret_encrypted"), rs.getString("payload")))
                .list();
    }

    /**
     * Records the attempt that followed a claim: delivered on a 2xx, given up after the last attempt, otherwise due
     * again after {@code retryAfter}. Only the claim's own attempt counts (its attempts number still stands).
     */
    void record(Due due, Integer statusCode, String error, String responseStart, boolean delivered, int maxAttempts,
                Duration retryAfter) {
        int attempt = due.attempts() + 1;
        String status = delivered ? "DELIVERED" : attempt >= maxAttempts ? "FAILED" : "PENDING";
        Instant now = Instant.now();
        Instant next = status.equals("PENDING") ? now.plus(retryAfter) : null;
        int updated = jdbc.sql("""
                UPDATE webhook_delivery SET status = ?, attempts = ?, last_status_code = ?, last_error = ?,
                       next_attempt_at = COALESCE(?, next_attempt_at)
                 WHERE id = ? AND attempts = ?""")
                .params(status, attempt, statusCode, cut(error, 300), next == null ? null : Timestamp.from(next), due.id(),
                        due.attempts())
                .update();
        if (updated == 1) {
            jdbc.sql("INSERT INTO webhook_attempt (delivery_id, attempt, status_code, error, response_start, attempted_at,"
                            + " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(due.id(), attempt, statusCode, cut(error, 300), cut(responseStart, 200), Timestamp.from(now),
                            next == null ? null : Timestamp.from(next))
                    .update();
        }
    }

    /** The webhook's newest deliveries, each with its attempts. */
    List<Delivery> log(UUID webhookId, int limit) {
        return jdbc.sql("""
                SELECT id, event, status, attempts, last_status_code, last_error, created_at, next_attempt_at
                  FROM webhook_delivery WHERE webhook_id = ? ORDER BY created_at DESC, id LIMIT ?""")
                .params(webhookId, limit)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    String status = rs.getString("status");
                    return new Delivery(id, rs.getString("event"), status, rs.getInt("attempts"),
                            (Integer) rs.getObject("last_status_code"), rs.getString("last_error"),
                            rs.getTimestamp("created_at").toInstant(),
                            status.equals("PENDING") ? rs.getTimestamp("next_attempt_at").toInstant() : null,
                            attempts(id));
                }).list();
    }

    private List<Attempt> attempts(UUID deliveryId) {
        return jdbc.sql("SELECT attempt, status_code, error, attempted_at, next_attempt_at FROM webhook_attempt"
                        + " WHERE delivery_id = ? ORDER BY attempt")
                .param(deliveryId)
                .query((rs, n) -> {
                    Timestamp next = rs.getTimestamp("next_attempt_at");
                    return new Attempt(rs.getInt("attempt"), (Integer) rs.getObject("status_code"), rs.getString("error"),
                            rs.getTimestamp("attempted_at").toInstant(), next == null ? null : next.toInstant());
                }).list();
    }

    private static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        String visible = s.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", " ");
        return visible.length() <= max ? visible : visible.substring(0, max);
    }
}
