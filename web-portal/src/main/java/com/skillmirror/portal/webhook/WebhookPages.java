package com.skillmirror.portal.webhook;

import com.skillmirror.job.WebhookEvents;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The team's webhooks page: register (the secret shown once), delete, and each webhook's delivery log. No script. */
@Controller
class WebhookPages {

    private final Webhooks webhooks;
    private final WebhookDeliveries deliveries;
    private final AccessPolicy access;
    private final AuditLog audit;

    WebhookPages(Webhooks webhooks, WebhookDeliveries deliveries, AccessPolicy access, AuditLog audit) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/teams/{teamId}/webhooks")
    String page(@PathVariable UUID teamId, Actor actor, Model model) {
        access.requireManageTeam(actor, teamId);
        return render(teamId, actor, model);
    }

    @PostMapping("/teams/{teamId}/webhooks")
    String register(@PathVariable UUID teamId, Actor actor, @RequestParam(required = false) String url,
                    @RequestParam(required = false) List<String> events, Model model, HttpServletResponse response) {
        access.requireManageTeam(actor, teamId);
        try {
            Webhooks.Registered created = webhooks.register(teamId, url, events, actor.id());
            audit.record(actor.username(), WebhookController.WEBHOOK_CREATED, "webhook:" + created.id(),
                    "page; team " + teamId + ", events " + String.join(",", created.events()));
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("created", created);
        } catch (IllegalArgumentException | Webhooks.LimitReached e) {
            model.addAttribute("error", e.getMessage());
        }
        return render(teamId, actor, model);
    }

    @PostMapping("/teams/{teamId}/webhooks/{webhookId}/delete")
    String delete(@PathVariable UUID teamId, @PathVariable UUID webhookId, Actor actor) {
        access.requireManageTeam(actor, teamId);
        if (!webhooks.delete(teamId, webhookId)) {
            throw new NotFoundException("No webhook " + webhookId + " in this team.");
        }
        audit.record(actor.username(), WebhookController.WEBHOOK_DELETED, "webhook:" + webhookId, "page; team " + teamId);
        return "redirect:/teams/" + teamId + "/webhooks";
    }

    private String render(UUID teamId, Actor actor, Model model) {
        Map<Webhooks.Listed, List<WebhookDeliveries.Delivery>> logs = new LinkedHashMap<>();
        webhooks.list(teamId).forEach(w -> logs.put(w, deliveries.log(w.id(), 20)));
        model.addAttribute("actor", actor);
        model.addAttribute("teamId", teamId);
        model.addAttribute("webhooks", logs);
        model.addAttribute("events", WebhookEvents.ALL);
        return "webhooks";
    }
}
