package com.skillmirror.portal.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access tokens: short-lived HS256 JWTs (subject = user id, claim role for clients to read, claim cv = the account's
 * credentials version, which ends the token when a password or role changes). Refresh tokens: opaque, stored as SHA-256,
 * one use each: a refresh revokes the presented token and issues the next of its family; presenting a token that was
 * already used revokes the whole family, since only a thief or a replay can do that.
 */
class TokenService {

    static final String ISSUER = "skillmirror";

    private final JwtEncoder encoder;
    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final Duration accessTtl;
    private final Duration refreshTtl;

    TokenService(JwtEncoder encoder, JdbcClient jdbc, AccountRepository accounts, Duration accessTtl, Duration refreshTtl) {
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
    }

    record Tokens(String accessToken, String refreshToken, long expiresIn) {
    }

    /** Why a refresh failed: unknown/expired, or a replay that revoked the family. */
    static final class RefreshRejected extends RuntimeException {
        final boolean reuse;
        /** On a reuse: whose family was revoked, for the audit trail. */
        final UUID userId;
        final UUID familyId;

        RefreshRejected(String message, boolean reuse) {
            this(message, reuse, null, null);
        }

        RefreshRejected(String message, boolean reuse, UUID userId, UUID familyId) {
            super(message);
            this.reuse = reuse;
            this.userId = userId;
            this.familyId = familyId;
        }
    }

    @Transactional
    public Tokens issue(Account account) {
        return tokens(account, UUID.randomUUID()).tokens;
    }

    @Transactional(noRollbackFor = RefreshRejected.class)
    public Tokens refresh(String refreshToken) {
        String hash = Hashes.sha256(refreshToken == null ? "" : refreshToken);
        // the account row first, shared: a password change, role change or sign-out everywhere (which updates that row,
        // then revokes the account's refresh tokens) either waits for this refresh and then revokes its successor
        // too, or finishes first so that this refresh finds its token revoked; same lock order, so no deadlock
        userOf(refreshToken == null ? "" : refreshToken).ifPresent(userId ->
                jdbc.sql("SELECT 1 FROM app_user WHERE id = ? FOR SHARE").param(userId).query(Integer.class).optional());
        Optional<Row> row = jdbc.sql("SELECT id, user_id, family_id, expires_at, revoked_at FROM refresh_token"
                        + " WHERE token_hash = ? FOR UPDATE")
                .param(hash).query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getObject("family_id", UUID.class), rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("revoked_at") != null)).optional();
        if (row.isEmpty() || row.get().expiresAt.isBefore(Instant.now())) {
            throw new RefreshRejected("The refresh token is unknown or expired; sign in again.", false);
        }
        if (row.get().revoked) {
            revokeFamily(row.get().familyId);
            throw new RefreshRejected("The refresh token was already used or revoked; every session of this sign-in"
                    + " is now revoked. Sign in again.", true, row.get().userId, row.get().familyId);
        }
        Account account = accounts.find(row.get().userId)
                .orElseThrow(() -> new RefreshRejected("The account no longer exists.", false));
        Issued next = tokens(account, row.get().familyId);
        jdbc.sql("UPDATE refresh_token SET revoked_at = now(), replaced_by = ? WHERE id = ?")
                .params(next.refreshId, row.get().id).update();
        return next.tokens;
    }

    /** Logout: revokes the family of the given refresh token. Unknown tokens are ignored (nothing to reveal). */
    public void revoke(String refreshToken) {
        jdbc.sql("SELECT family_id FROM refresh_token WHERE token_hash = ?").param(Hashes.sha256(refreshToken == null ? "" : refreshToken))
                .query(UUID.class).optional().ifPresent(this::revokeFamily);
    }

    Optional<UUID> userOf(String refreshToken) {
        return jdbc.sql("SELECT user_id FROM refresh_token WHERE token_hash = ?").param(Hashes.sha256(refreshToken))
                .query(UUID.class).optional();
    }

    private void revokeFamily(UUID familyId) {
        jdbc.sql("UPDATE refresh_token SET revoked_at = COALESCE(revoked_at, now()) WHERE family_id = ?")
                .param(familyId).update();
    }

    private Issued tokens(Account account, UUID familyId) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(account.id().toString())
                .claim("username", account.username())
                .claim("role", account.role().name())
                .claim(AccessTokenValidator.CREDENTIALS_VERSION, account.credentialsVersion())
                .issuedAt(now)
                .expiresAt(now.plus(accessTtl))
                .id(UUID.randomUUID().toString())
                .build();
        String access = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        String refresh = Hashes.newToken();
        UUID refreshId = UUID.randomUUID();
        jdbc.sql("INSERT INTO refresh_token (id, user_id, family_id, token_hash, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(refreshId, account.id(), familyId, Hashes.sha256(refresh),
                        java.sql.Timestamp.from(now.plus(refreshTtl).truncatedTo(ChronoUnit.MILLIS)))
                .update();
        return new Issued(new Tokens(access, refresh, accessTtl.toSeconds()), refreshId);
    }

    private record Row(UUID id, UUID userId, UUID familyId, Instant expiresAt, boolean revoked) {
    }

    private record Issued(Tokens tokens, UUID refreshId) {
    }
}
