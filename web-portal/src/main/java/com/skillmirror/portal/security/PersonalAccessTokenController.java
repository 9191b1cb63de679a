package com.skillmirror.portal.security;

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
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed-in user's personal access tokens, under /api (a JWT; never a personal access token, which the
 * PersonalAccessTokenFilter refuses here) and /web (the portal's session, with its CSRF token).
 */
@RestController
@Tag(name = "tokens", description = "Personal access tokens for API clients")
class PersonalAccessTokenController {

    static final String TOKEN_CREATED = "TOKEN_CREATED";
    static final String TOKEN_REVOKED = "TOKEN_REVOKED";
    private static final int MAX_BODY_BYTES = 4096;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PersonalAccessTokens tokens;
    private final AuditLog audit;

    PersonalAccessTokenController(PersonalAccessTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    record NewToken(String name, List<String> scopes, Integer expiresInDays) {
    }

    @GetMapping({"/api/account/tokens", "/web/account/tokens"})
    @Operation(summary = "Your personal access tokens (never their secret)")
    List<PersonalAccessTokens.Listed> list(Actor actor) {
        return tokens.list(actor.id());
    }

    @PostMapping(path = {"/api/account/tokens", "/web/account/tokens"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a token: {\"name\": \"...\", \"scopes\": [\"read\", \"upload\", \"admin\"],"
            + " \"expiresInDays\": 1..365}; the answer's token is shown this once. Send it as"
            + " 'Authorization: Bearer smp_...' to /api. Only admins may give the admin scope.")
    ResponseEntity<PersonalAccessTokens.Created> create(Actor actor, HttpServletRequest http) throws IOException {
        NewToken request = read(http);
        PersonalAccessTokens.Created created = tokens.create(actor, request.name(), request.scopes(), request.expiresInDays());
        audit.record(actor.username(), TOKEN_CREATED, "token:" + created.id(),
                "scopes " + String.join(",", created.scopes()) + ", expires " + created.expiresAt());
        return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store").body(created);
    }

    @DeleteMapping({"/api/account/tokens/{tokenId}", "/web/account/tokens/{tokenId}"})
    @Operation(summary = "Revoke one of your tokens; it stops working at once")
    ResponseEntity<Void> revoke(@PathVariable UUID tokenId, Actor actor) {
        if (!tokens.revoke(actor.id(), tokenId)) {
            throw new NotFoundException("No active token " + tokenId + " of yours.");
        }
        audit.record(actor.username(), TOKEN_REVOKED, "token:" + tokenId, null);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(PersonalAccessTokens.LimitReached.class)
    ResponseEntity<Map<String, String>> limit(PersonalAccessTokens.LimitReached e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    static NewToken read(HttpServletRequest http) throws IOException {
        if (http.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("The body is over 4 KB; a token request is a name, scopes and days.");
        }
        byte[] body;
        try (InputStream in = http.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("The body is over 4 KB; a token request is a name, scopes and days.");
        }
        try {
            NewToken token = JSON.readValue(body, NewToken.class);
            if (token == null) {
                throw new IllegalArgumentException("Send {\"name\": \"...\", \"scopes\": [\"read\"], \"expiresInDays\": 30}.");
            }
            return token;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Send {\"name\": \"...\", \"scopes\": [\"read\"], \"expiresInDays\": 30}.");
        }
    }
}
