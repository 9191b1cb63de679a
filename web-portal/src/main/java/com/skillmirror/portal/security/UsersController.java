package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.access.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Account administration (ADMIN only, enforced by the API filter chain); /users/ is the seed's path. */
@RestController
@Tag(name = "users", description = "Accounts (admins only)")
class UsersController {

    static final String ROLE_CHANGED = "ROLE_CHANGED";
    static final String SIGNED_OUT = "SIGNED_OUT";

    private final AccountRepository accounts;
    private final AccountService service;
    private final AuditLog audit;
    private final PersonalAccessTokens tokens;

    UsersController(AccountRepository accounts, AccountService service, AuditLog audit, PersonalAccessTokens tokens) {
        this.accounts = accounts;
        this.service = service;
        this.audit = audit;
        this.tokens = tokens;
    }

    record NewUser(String username, String password, Role role) {
    }

    @GetMapping({"/api/users", "/users", "/users/"})
    @Operation(summary = "List accounts")
    List<Map<String, Object>> list() {
        return accounts.all().stream()
                .map(a -> Map.<String, Object>of("id", a.id(), "username", a.username(), "role", a.role())).toList();
    }

    record RoleChange(Role role) {
    }

    @PutMapping("/api/users/{id}/role")
    @Operation(summary = "Change an account's role; its tokens and page sessions end, so the new role holds at once")
    Map<String, Object> changeRole(@PathVariable UUID id, @RequestBody RoleChange change, Actor actor) {
        if (change.role() == null) {
            throw new IllegalArgumentException("Give a role: ATHLETE, COACH, EXPERT or ADMIN.");
        }
        if (!accounts.changeRole(id, change.role())) {
            throw new NotFoundException("No account " + id + ": take the id from GET /api/users.");
        }
        // personal access tokens end with the old role too (their authority would follow the new role anyway)
        tokens.revokeAll(id);
        audit.record(actor.username(), ROLE_CHANGED, "user:" + id, "to " + change.role());
        return Map.of("id", id, "role", change.role());
    }

    @PostMapping("/api/users/{id}/sign-out")
    @Operation(summary = "Sign an account out everywhere: its access tokens, refresh tokens, page sessions and personal"
            + " access tokens end")
    ResponseEntity<Void> signOut(@PathVariable UUID id, Actor actor) {
        if (accounts.endSessions(id) < 0) {
            throw new NotFoundException("No account " + id + ": take the id from GET /api/users.");
        }
        int revoked = tokens.revokeAll(id);
        audit.record(actor.username(), SIGNED_OUT, "user:" + id, "every session and " + revoked
                + " personal access token(s), by an admin");
        return ResponseEntity.noContent().build();
    }

    @PostMapping({"/api/users", "/users", "/users/"})
    @Operation(summary = "Create an account with a role (ATHLETE, COACH, EXPERT, ADMIN); its owner must change the"
            + " password at the first sign-in")
    ResponseEntity<Map<String, Object>> create(@RequestBody NewUser user, Actor actor) {
        if (user.role() == null) {
            throw new IllegalArgumentException("Give a role: ATHLETE, COACH, EXPERT or ADMIN.");
        }
        // the admin knows this password: its owner replaces it at the first sign-in
        Account created = service.createWithPasswordToChange(user.username(), user.password(), user.role());
        audit.record(actor.username(), AuditLog.USER_CREATED, "user:" + created.id(), created.username() + " as " + created.role());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("id", created.id(), "username", created.username(), "role", created.role()));
    }
}
