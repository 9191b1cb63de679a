package com.skillmirror.portal.live;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.security.ActorResolver;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes each {@link ProgressEvent} of an upload (in-process stages, or workers through the broker, both arrive as
 * application events) to the sockets watching it, as JSON with the event's own timestampMs so a client can measure
 * latency. Every connection first gets a snapshot of the current status, so a reconnect resumes the view; after an
 * error or completion a fresh snapshot follows, which carries the report links that now exist. Access is checked at
 * the handshake and again every minute, so a stream does not outlive its user's right to see the upload.
 */
@Component
class LiveProgress extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(LiveProgress.class);
    /** A client that cannot take messages for this long, or falls this far behind, is dropped (it will reconnect). */
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int BUFFER_LIMIT_BYTES = 1024 * 1024;
    private static final String TOKEN_EXPIRED = "The access token expired: get a new one (POST /api/auth/refresh) and"
            + " reconnect.";

    private final Map<UUID, Set<WebSocketSession>> watchers = new ConcurrentHashMap<>();
    private final Map<String, WebSocketSession> decorated = new ConcurrentHashMap<>();
    private final UploadSnapshots snapshots;
    private final JsonMapper json;
    private final ActorResolver actors;
    private final AccessPolicy access;
    private final ScheduledExecutorService recheck;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "live-progress-sender");
        t.setDaemon(true);
        return t;
    });

    LiveProgress(UploadSnapshots snapshots, JsonMapper json, ActorResolver actors, AccessPolicy access,
                 LiveSettings settings) {
        this.snapshots = snapshots;
        this.json = json;
        this.actors = actors;
        this.access = access;
        this.recheck = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-progress-access-recheck");
            t.setDaemon(true);
            return t;
        });
        long ms = settings.accessRecheck().toMillis();
        recheck.scheduleWithFixedDelay(this::recheckAccess, ms, ms, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        recheck.shutdownNow();
        sender.shutdownNow();
    }

    /**
     * Closes the sockets whose user may no longer see their upload, whose sign-in ended (password or role changed,
     * signed out everywhere: the account's credentials version moved on) or whose bearer token expired (policy
     * violation, 1008).
     */
    void recheckAccess() {
        watchers.forEach((uploadId, set) -> set.forEach(session -> {
            UUID actorId = (UUID) session.getAttributes().get(UploadAccessInterceptor.ACTOR_ID);
            if (tokenExpired(session)) {
                end(uploadId, set, session, TOKEN_EXPIRED);
                return;
            }
            boolean allowed;
            try {
                Object version = session.getAttributes().get(UploadAccessInterceptor.CREDENTIALS_VERSION);
                if (actorId != null && version != null
                        && !actors.currentCredentialsVersion(actorId).equals(OptionalInt.of((Integer) version))) {
                    end(uploadId, set, session, "Your sign-in ended (password or role changed, or signed out"
                            + " everywhere): sign in again and reconnect.");
                    return;
                }
                allowed = actorId != null && actors.reload(actorId).map(actor -> {
                    access.requireUpload(actor, uploadId);
                    return true;
                }).orElse(false);
            } catch (NotFoundException e) {
                allowed = false;
            } catch (RuntimeException e) {
                // the database may be briefly unreachable: keep the stream, check again next time
                log.warn("Could not re-check access to upload {} for a live progress socket: {}", uploadId, e.getMessage());
                return;
            }
            if (!allowed) {
                end(uploadId, set, session, "You may no longer see this upload.");
            }
        }));
    }

    /** Signing out (or a session that expires) ends that session's sockets at once, not at the next re-check. */
    @EventListener
    void onSignOut(HttpSessionDestroyedEvent event) {
        watchers.forEach((uploadId, set) -> set.forEach(session -> {
            if (event.getId().equals(session.getAttributes().get(UploadAccessInterceptor.HTTP_SESSION_ID))) {
                end(uploadId, set, session, "Signed out.");
            }
        }));
    }

    /**
     * The same with several replicas, where sessions live in Redis (Spring Session): its deletion and expiry events
     * reach every replica, so signing out on one ends the sockets opened on any other.
     */
    @EventListener
    void onSignOut(org.springframework.session.events.SessionDestroyedEvent event) {
        watchers.forEach((uploadId, set) -> set.forEach(session -> {
            if (event.getSessionId().equals(session.getAttributes().get(UploadAccessInterceptor.HTTP_SESSION_ID))) {
                end(uploadId, set, session, "Signed out.");
            }
        }));
    }

    /** Closes a socket as a policy violation (1008): the page then stops reconnecting and says why. */
    private void end(UUID uploadId, Set<WebSocketSession> set, WebSocketSession session, String reason) {
        set.remove(session);
        try {
            session.close(CloseStatus.POLICY_VIOLATION.withReason(reason));
        } catch (IOException e) {
            log.debug("Closing a live progress socket of upload {} ({}): {}", uploadId, reason, e.getMessage());
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        UUID uploadId = (UUID) session.getAttributes().get(UploadAccessInterceptor.UPLOAD_ID);
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
        decorated.put(session.getId(), safe);
        // registered before the snapshot is read, so no event falls between the two
        watchers.compute(uploadId, (k, set) -> {
            Set<WebSocketSession> watching = set == null ? ConcurrentHashMap.newKeySet() : set;
            watching.add(safe);
            return watching;
        });
        send(uploadId, safe, snapshots.of(uploadId));
        if (session.getAttributes().get(UploadAccessInterceptor.TOKEN_EXPIRES_AT) instanceof Instant expiry) {
            // a bearer token's sign-in ends at its exp: so does the socket it opened, not up to a re-check later
            long delay = Math.max(0, Duration.between(Instant.now(), expiry).toMillis());
            recheck.schedule(() -> {
                Set<WebSocketSession> set = watchers.get(uploadId);
                if (set != null && set.contains(safe)) {
                    end(uploadId, set, safe, TOKEN_EXPIRED);
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    private static boolean tokenExpired(WebSocketSession session) {
        return session.getAttributes().get(UploadAccessInterceptor.TOKEN_EXPIRES_AT) instanceof Instant expiry
                && !Instant.now().isBefore(expiry);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        WebSocketSession safe = decorated.remove(session.getId());
        UUID uploadId = (UUID) session.getAttributes().get(UploadAccessInterceptor.UPLOAD_ID);
        if (uploadId != null && safe != null) {
            // in one step with the add above, so a socket opening meanwhile is never left in a dropped set
            watchers.computeIfPresent(uploadId, (k, set) -> {
                set.remove(safe);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /**
     * Events arrive on the thread that published them: a step of the analysis, or the broker's listener. Sending
     * happens on our own thread (one, so events keep their order), so a slow browser never holds up the analysis.
     */
    @EventListener
    void onProgress(ProgressEvent event) {
        Set<WebSocketSession> set = watchers.get(event.uploadId());
        if (set == null || set.isEmpty()) {
            return;
        }
        sender.execute(() -> {
            String message = eventJson(event);
            set.forEach(s -> send(event.uploadId(), s, message));
            if (ProgressEvent.COMPLETE.equals(event.type()) || ProgressEvent.ERROR.equals(event.type())) {
                String snapshot = snapshots.of(event.uploadId());
                set.forEach(s -> send(event.uploadId(), s, snapshot));
            }
        });
    }

    private String eventJson(ProgressEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", event.type());
        m.put("uploadId", event.uploadId());
        m.put("videoId", event.videoId());
        m.put("stage", event.stage());
        m.put("percent", event.percent());
        m.put("message", event.message());
        m.put("timestampMs", event.timestampMs());
        // the sub-step, how much of it is done (0..1) and the estimates (seconds) of the video and the upload
        m.put("step", event.step());
        m.put("fraction", event.fraction());
        m.put("etaSeconds", event.etaSeconds());
        m.put("uploadEtaSeconds", event.uploadEtaSeconds());
        return json.writeValueAsString(m);
    }

    private void send(UUID uploadId, WebSocketSession session, String text) {
        try {
            session.sendMessage(new TextMessage(text));
        } catch (IOException | IllegalStateException | org.springframework.web.socket.handler.SessionLimitExceededException e) {
            log.debug("Dropping a live progress socket of upload {} that cannot take messages: {}", uploadId, e.getMessage());
            // closed, not just forgotten: the page then reconnects and starts again from a snapshot
            Set<WebSocketSession> set = watchers.get(uploadId);
            if (set != null) {
                set.remove(session);
            }
            try {
                session.close(CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IOException | IllegalStateException closing) {
                log.debug("Closing a dropped live progress socket of upload {}: {}", uploadId, closing.getMessage());
            }
        }
    }
}
