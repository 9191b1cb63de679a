package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tokens for API clients: sign in, refresh (rotating), sign out. */
@RestController
@RequestMapping("/api")
@Tag(name = "auth", description = "JWT access tokens and rotating refresh tokens")
class AuthController {

    private final AuthenticationManager authentication;
    private final TokenService tokens;
    private final AccountRepository accounts;
    private final AuditLog audit;
    private final AccountService accountService;

    AuthController(AuthenticationManager authentication, TokenService tokens, AccountRepository accounts,
                   AuditLog audit, AccountService accountService) {
        this.accountService = accountService;
        this.authentication = authentication;
        this.tokens = tokens;
        this.accounts = accounts;
        this.audit = audit;
    }

    record Credentials(String username, String password) {
    }

    record Refresh(String refreshToken) {
    }

    @PostMapping("/auth/token")
    @Operation(summary = "Sign in with username and password; returns an access token (JWT) and a refresh token")
    ResponseEntity<?> token(@RequestBody Credentials credentials, HttpServletRequest request) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(
                credentials.username(), credentials.password());
        attempt.setDetails(new WebAuthenticationDetails(request));
        try {
            Authentication auth = authentication.authenticate(attempt);
            Account account = accounts.findByUsername(auth.getName()).orElseThrow();
            audit.record(account.username(), AuditLog.LOGIN, null, "api from " + request.getRemoteAddr());
            return ResponseEntity.ok(tokens.issue(account));
        } catch (SignInThrottle.Throttled e) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(e.retryAfterSeconds())).body(Map.of("error", e.getMessage()));
        } catch (AuthenticationException e) {
            audit.record(credentials.username(), AuditLog.LOGIN_FAILED, null, "api from " + request.getRemoteAddr());
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "Wrong username or password."));
        }
    }

    @PostMapping("/auth/refresh")
    @Operation(summary = "Exchange a refresh token for new tokens; the old refresh token stops working")
    ResponseEntity<?> refresh(@RequestBody Refresh refresh, HttpServletRequest request) {
        try {
            return ResponseEntity.ok(tokens.refresh(refresh.refreshToken()));
        } catch (TokenService.RefreshRejected e) {
            if (e.reuse) {
                String owner = accounts.find(e.userId).map(Account::username).orElse("user:" + e.userId);
                audit.record(owner, AuditLog.TOKEN_REUSE, "refresh_family:" + e.familyId,
                        "replayed refresh token from " + request.getRemoteAddr() + "; the family is revoked");
            }
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", e.getMessage()));
        }
    }

    @PostMapping("/auth/logout")
    @Operation(summary = "Revoke a refresh token (and every token rotated from the same sign-in)")
    ResponseEntity<Void> logout(@RequestBody Refresh refresh) {
        tokens.revoke(refresh.refreshToken());
        return ResponseEntity.noContent().build();
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    @PostMapping("/me/password")
    @Operation(summary = "Change your password (revokes your refresh tokens)")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange change, Actor actor) {
        accountService.changePassword(actor.id(), change.currentPassword(), change.newPassword());
        audit.record(actor.username(), AuditLog.PASSWORD_CHANGED, "user:" + actor.id(), null);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in account")
    Map<String, Object> me(Actor actor) {
        return Map.of("id", actor.id(), "username", actor.username(), "role", actor.role());
    }
}
