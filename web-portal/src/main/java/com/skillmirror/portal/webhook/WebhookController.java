package com.skillmirror.portal.webhook;

import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A team's webhooks, for the coaches of the team and admins (others: 404 when they do not see the team, 403 when they
 * see it but may not change it). The secret is in the registration's answer only.
 */
@RestController
@RequestMapping({"/api/teams/{teamId}/webhooks", "/web/teams/{teamId}/webhooks"})
@Tag(name = "webhooks", description = "Signed, retried notifications of a team's analyses")
class WebhookController {

    static final String WEBHOOK_CREATED = "WEBHOOK_CREATED";
    static final String WEBHOOK_DELETED = "WEBHOOK_DELETED";
    private static final int MAX_BODY_BYTES = 8192;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Webhooks webhooks;
    private final WebhookDeliveries deliveries;
    private final AccessPolicy access;
    private final AuditLog audit;

    WebhookController(Webhooks webhooks, WebhookDeliveries deliveries, AccessPolicy access, AuditLog audit) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.access = access;
        this.audit = audit;
    }

    record NewWebhook(String url, List<String> events) {
    }

    @GetMapping
    @Operation(summary = "The team's webhooks (never their secret)")
    List<Webhooks.Listed> list(@PathVariable UUID teamId, Actor actor) {
        access.requireManageTeam(actor, teamId);
        return webhooks.list(teamId);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a webhook: {\"url\": \"https://...\", \"events\": [\"analysis_complete\","
            + " \"analysis_error\", \"upload_finished\"]}; the answer's secret (shown this once) signs every delivery:"
            + " X-SkillMirror-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of t + '.' + body>")
    ResponseEntity<Webhooks.Registered> register(@PathVariable UUID teamId, Actor actor, HttpServletRequest http)
            throws IOException {
        access.requireManageTeam(actor, teamId);
        NewWebhook request = read(http);
        Webhooks.Registered created = webhooks.register(teamId, request.url(), request.events(), actor.id());
        audit.record(actor.username(), WEBHOOK_CREATED, "webhook:" + created.id(),
                "team " + teamId + ", events " + String.join(",", created.events()));
        return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store").body(created);
    }

    @DeleteMapping("/{webhookId}")
    @Operation(summary = "Delete a webhook with its deliveries")
    ResponseEntity<Void> delete(@PathVariable UUID teamId, @PathVariable UUID webhookId, Actor actor) {
        access.requireManageTeam(actor, teamId);
        if (!webhooks.delete(teamId, webhookId)) {
            throw new NotFoundException("No webhook " + webhookId + " in this team.");
        }
        audit.record(actor.username(), WEBHOOK_DELETED, "webhook:" + webhookId, "team " + teamId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{webhookId}/deliveries")
    @Operation(summary = "The webhook's newest 50 deliveries, each with its attempts (status code, error, next attempt)")
    List<WebhookDeliveries.Delivery> log(@PathVariable UUID teamId, @PathVariable UUID webhookId, Actor actor) {
        access.requireManageTeam(actor, teamId);
        if (!webhooks.exists(teamId, webhookId)) {
            throw new NotFoundException("No webhook " + webhookId + " in this team.");
        }
        return deliveries.log(webhookId, 50);
    }

    @ExceptionHandler(Webhooks.LimitReached.class)
    ResponseEntity<Map<String, String>> limit(Webhooks.LimitReached e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    private static NewWebhook read(HttpServletRequest http) throws IOException {
        String usage = "Send {\"url\": \"https://...\", \"events\": [\"analysis_complete\"]}.";
        if (http.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("The body is over 8 KB. " + usage);
        }
        byte[] body;
        try (InputStream in = http.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("The body is over 8 KB. " + usage);
        }
        try {
            NewWebhook request = JSON.readValue(body, NewWebhook.class);
            if (request == null) {
                throw new IllegalArgumentException(usage);
            }
            return request;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(usage);
        }
    }
}
