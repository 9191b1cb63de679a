package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.access.TooManyRequestsException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The account's tokens page: list, create (the token shown once), revoke; plain forms, no script. */
@Controller
class PersonalAccessTokenPages {

    private final PersonalAccessTokens tokens;
    private final PersonalAccessTokenSettings settings;
    private final AuditLog audit;

    PersonalAccessTokenPages(PersonalAccessTokens tokens, PersonalAccessTokenSettings settings, AuditLog audit) {
        this.tokens = tokens;
        this.settings = settings;
        this.audit = audit;
    }

    @GetMapping("/account/tokens")
    String page(Actor actor, Model model) {
        return render(actor, model);
    }

    @PostMapping("/account/tokens")
    String create(Actor actor, @RequestParam(required = false) String name,
                  @RequestParam(required = false) List<String> scopes,
                  @RequestParam(required = false) Integer expiresInDays, Model model, HttpServletResponse response) {
        try {
            PersonalAccessTokens.Created created = tokens.create(actor, name, scopes, expiresInDays);
            audit.record(actor.username(), PersonalAccessTokenController.TOKEN_CREATED, "token:" + created.id(),
                    "page; scopes " + String.join(",", created.scopes()) + ", expires " + created.expiresAt());
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("created", created);
        } catch (IllegalArgumentException | ForbiddenException | PersonalAccessTokens.LimitReached
                 | TooManyRequestsException e) {
            model.addAttribute("error", e.getMessage());
        }
        return render(actor, model);
    }

    @PostMapping("/account/tokens/{tokenId}/revoke")
    String revoke(@PathVariable UUID tokenId, Actor actor) {
        if (!tokens.revoke(actor.id(), tokenId)) {
            throw new NotFoundException("No active token " + tokenId + " of yours.");
        }
        audit.record(actor.username(), PersonalAccessTokenController.TOKEN_REVOKED, "token:" + tokenId, "page");
        return "redirect:/account/tokens";
    }

    private String render(Actor actor, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("tokens", tokens.list(actor.id()));
        model.addAttribute("maxDays", settings.maxDays());
        return "tokens";
    }
}
