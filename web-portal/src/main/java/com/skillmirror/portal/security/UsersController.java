package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Account administration (ADMIN only, enforced by the API filter chain); /users/ is the seed's path. */
@RestController
@Tag(name = "users", description = "Accounts (admins only)")
class UsersController {

    private final AccountRepository accounts;
    private final AccountService service;
    private final AuditLog audit;

    UsersController(AccountRepository accounts, AccountService service, AuditLog audit) {
        this.accounts = accounts;
        this.service = service;
        this.audit = audit;
    }

    record NewUser(String username, String password, Role role) {
    }

    @GetMapping({"/api/users", "/users", "/users/"})
    @Operation(summary = "List accounts")
    List<Map<String, Object>> list() {
        return accounts.all().stream()
                .map(a -> Map.<String, Object>of("id", a.id(), "username", a.username(), "role", a.role())).toList();
    }

    @PostMapping({"/api/users", "/users", "/users/"})
    @Operation(summary = "Create an account with a role (ATHLETE, COACH, EXPERT, ADMIN)")
    ResponseEntity<Map<String, Object>> create(@RequestBody NewUser user, Actor actor) {
        if (user.role() == null) {
            throw new IllegalArgumentException("Give a role: ATHLETE, COACH, EXPERT or ADMIN.");
        }
        Account created = service.create(user.username(), user.password(), user.role());
        audit.record(actor.username(), AuditLog.USER_CREATED, "user:" + created.id(), created.username() + " as " + created.role());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("id", created.id(), "username", created.username(), "role", created.role()));
    }
}
