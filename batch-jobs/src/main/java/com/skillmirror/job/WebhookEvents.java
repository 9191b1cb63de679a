package com.skillmirror.job;

import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox of the events a team's webhooks may ask for (table webhook_event): written where an upload ends, by the
 * job's listener, so an event is never lost with a process; the portal's webhook package fans each out into
 * deliveries and sends them. Only uploads of a team emit events (webhooks belong to teams). The payloads carry ids,
 * statuses and the failed stage, never names or file names.
 */
public class WebhookEvents {

    public static final String ANALYSIS_COMPLETE = "analysis_complete";
    public static final String ANALYSIS_ERROR = "analysis_error";
    public static final String UPLOAD_FINISHED = "upload_finished";
    /** Every event name, for the webhooks' subscriptions. */
    public static final List<String> ALL = List.of(ANALYSIS_COMPLETE, ANALYSIS_ERROR, UPLOAD_FINISHED);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<JdbcClient> jdbc;

    /** The database is looked up when an upload ends, so contexts that only wire the job need none. */
    public WebhookEvents(Supplier<JdbcClient> jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Deletes the events older than {@code retention}; their deliveries and attempt logs go with them (the foreign
     * keys cascade). Returns how many events went. The portal's webhook sender calls it hourly.
     */
    public int purgeOlderThan(java.time.Duration retention) {
        return jdbc.get().sql("DELETE FROM webhook_event WHERE created_at < now() - make_interval(secs => ?)")
                .param((double) retention.toSeconds()).update();
    }

    /** One analysis_complete or analysis_error per video of the ended upload, then its upload_finished. */
    void uploadEnded(UUID teamId, UUID uploadId, String uploadStatus, List<Video> videos) {
        if (teamId == null) {
            return;
        }
        Instant now = Instant.now();
        int failed = 0;
        for (Video video : videos) {
            boolean ok = video.status() == VideoStatus.COMPLETED;
            failed += ok ? 0 : 1;
            Map<String, Object> body = base(ok ? ANALYSIS_COMPLETE : ANALYSIS_ERROR, teamId, uploadId, now);
            body.put("videoId", video.id().toString());
            body.put("status", video.status().name());
            if (!ok) {
                body.put("failedStage", video.failedStage());
                String message = video.errorMessage();
                body.put("error", message == null || message.length() <= 300 ? message : message.substring(0, 300));
            }
            insert(teamId, (String) body.get("event"), body);
        }
        Map<String, Object> body = base(UPLOAD_FINISHED, teamId, uploadId, now);
        body.put("status", uploadStatus);
        body.put("videos", videos.size());
        body.put("failedVideos", failed);
        insert(teamId, UPLOAD_FINISHED, body);
    }

    private static Map<String, Object> base(String event, UUID teamId, UUID uploadId, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("teamId", teamId.toString());
        body.put("uploadId", uploadId.toString());
        body.put("occurredAt", at.toString());
        return body;
    }

    private void insert(UUID teamId, String event, Map<String, Object> body) {
        UUID id = UUID.randomUUID();
        body.put("id", id.toString());
        jdbc.get().sql("INSERT INTO webhook_event (id, team_id, event, payload) VALUES (?, ?, ?, ?)")
                .params(id, teamId, event, JSON.writeValueAsString(body)).update();
    }
}
