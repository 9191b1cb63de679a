package com.skillmirror.portal.security;

import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.TooManyRequestsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens (table personal_access_token): {@code smp_<public id>_<secret>}, the public id 64 random
 * bits in hex that finds the row, the secret 256 random bits of which only the SHA-256 is stored and compared in
 * constant time. A token acts for its owner as the owner is now (role and teams read on every request) and only
 * within its scopes; it ends when revoked, at its expiry, with its account, on a role change and when an admin signs
 * the account out everywhere. The owner's own password change does not end it (it is meant for unattended clients);
 * revoking it does.
 */
@Component
@EnableConfigurationProperties(PersonalAccessTokenSettings.class)
public class PersonalAccessTokens {

    static final String PREFIX = "smp_";
    /** Longer than any token we issue (4 + 16 + 1 + 43): anything longer is refused unread. */
    static final int MAX_LENGTH = 80;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PersonalAccessTokenSettings settings;

    PersonalAccessTokens(JdbcClient jdbc, PersonalAccessTokenSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** The answer to a creation: the only time the token itself is shown. */
    public record Created(UUID id, String name, String token, List<String> scopes, Instant expiresAt) {
    }

    public record Listed(UUID id, String name, String publicId, List<String> scopes, Instant createdAt,
                         Instant expiresAt, Instant lastUsedAt, Instant revokedAt, boolean active) {
    }

    record Found(UUID tokenId, UUID userId, Set<TokenScope> scopes) {
    }

    /** 409: the account has as many tokens as it may have. */
    static final class LimitReached extends RuntimeException {
        LimitReached(String message) {
            super(message);
        }
    }

    @Transactional
    public Created create(Actor owner, String name, List<String> scopes, Integer expiresInDays) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100 || cleanName.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Give the token a name of 1 to 100 characters (no control characters).");
        }
        if (scopes == null || scopes.isEmpty() || scopes.size() > TokenScope.values().length) {
            throw new IllegalArgumentException("Give one or more scopes: read, upload, admin.");
        }
        Set<TokenScope> granted = EnumSet.noneOf(TokenScope.class);
        scopes.forEach(s -> granted.add(TokenScope.parse(s)));
        if (granted.contains(TokenScope.ADMIN) && !owner.isAdmin()) {
            throw new ForbiddenException("Only an admin may create a token with the admin scope.");
        }
        int days = expiresInDays == null ? 90 : expiresInDays;
        if (days < 1 || days > settings.maxDays()) {
            throw new IllegalArgumentException("expiresInDays must be between 1 and " + settings.maxDays() + ".");
        }
        // one creation at a time per account, so two requests cannot both pass the limits below
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("personal_access_token:" + owner.id())
                .query((rs, n) -> 1).list();
        long active = jdbc.sql("SELECT count(*) FROM personal_access_token WHERE user_id = ? AND revoked_at IS NULL"
                + " AND expires_at > now()").param(owner.id()).query(Long.class).single();
        if (active >= settings.maxPerUser()) {
            throw new LimitReached("You have " + active + " tokens, the most an account may have; revoke one first.");
        }
        Optional<Timestamp> oldestInHour = jdbc.sql("SELECT min(created_at) FROM personal_access_token WHERE user_id = ?"
                        + " AND created_at > now() - interval '1 hour' HAVING count(*) >= ?")
                .params(owner.id(), settings.createPerHour()).query(Timestamp.class).optional();
        if (oldestInHour.isPresent()) {
            long wait = Math.max(1, Duration.between(Instant.now(), oldestInHour.get().toInstant().plus(Duration.ofHours(1)))
                    .toSeconds());
            throw new TooManyRequestsException("Too many tokens created (limit " + settings.createPerHour()
                    + " per hour). Try again in " + wait + " s.", wait);
        }
        byte[] idBytes = new byte[8];
        RANDOM.nextBytes(idBytes);
        String publicId = HexFormat.of().formatHex(idBytes);
        String secret = Hashes.newToken();
        UUID id = UUID.randomUUID();
        Instant expires = Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("INSERT INTO personal_access_token (id, user_id, name, public_id, secret_hash, scopes, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, owner.id(), cleanName, publicId, Hashes.sha256(secret), TokenScope.join(granted),
                        Timestamp.from(expires)).update();
        return new Created(id, cleanName, PREFIX + publicId + "_" + secret, names(granted), expires);
    }

    public List<Listed> list(UUID userId) {
        return jdbc.sql("SELECT * FROM personal_access_token WHERE user_id = ? ORDER BY created_at DESC, id")
                .param(userId).query(PersonalAccessTokens::listed).list();
    }

    /** Revokes one of the owner's tokens; false when there is none such (or it was revoked already). */
    public boolean revoke(UUID userId, UUID tokenId) {
        return jdbc.sql("UPDATE personal_access_token SET revoked_at = now() WHERE id = ? AND user_id = ?"
                + " AND revoked_at IS NULL").params(tokenId, userId).update() == 1;
    }

    /**
     * Revokes every live token of the account: on a role change and an admin's sign-out everywhere (a compromise
     * response), not on the owner's own password change (tokens are for unattended clients); returns how many.
     */
    int revokeAll(UUID userId) {
        return jdbc.sql("UPDATE personal_access_token SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL")
                .param(userId).update();
    }

    /** Whether the value is shaped like one of our tokens (as opposed to a JWT), before anything is looked up. */
    static boolean looksLikeToken(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /**
     * The live token this value is, or empty (unknown, wrong secret, revoked, expired, malformed). Records when it
     * was last used, at most once a minute per token.
     */
    Optional<Found> authenticate(String value) {
        return attempt(value).found();
    }

    /** A presented value's outcome: the live token, and whether its public id named a stored token at all. */
    record Attempt(Optional<Found> found, boolean knownId) {
    }

    /**
     * As {@link #authenticate}, also saying whether the public id matched a row (live or not), so that refusals of
     * made-up ids need not be written anywhere (one SELECT, no INSERT, for any {@code Bearer smp_...} on the wire).
     */
    Attempt attempt(String value) {
        Attempt none = new Attempt(Optional.empty(), false);
        if (value == null || value.length() > MAX_LENGTH || !value.startsWith(PREFIX)) {
            return none;
        }
        int split = value.indexOf('_', PREFIX.length());
        if (split != PREFIX.length() + 16) {
            return none;
        }
        String publicId = value.substring(PREFIX.length(), split);
        String secret = value.substring(split + 1);
        if (!publicId.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) || secret.isEmpty()) {
            return none;
        }
        Optional<Row> row = jdbc.sql("SELECT id, user_id, secret_hash, scopes,"
                        + " (revoked_at IS NULL AND expires_at > now()) AS live FROM personal_access_token"
                        + " WHERE public_id = ?")
                .param(publicId).query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getString("secret_hash"), rs.getString("scopes"), rs.getBoolean("live"))).optional();
        if (row.isEmpty()) {
            return none;
        }
        if (!row.get().live || !MessageDigest.isEqual(row.get().secretHash.getBytes(StandardCharsets.US_ASCII),
                Hashes.sha256(secret).getBytes(StandardCharsets.US_ASCII))) {
            return new Attempt(Optional.empty(), true);
        }
        jdbc.sql("UPDATE personal_access_token SET last_used_at = now() WHERE id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')").param(row.get().id).update();
        return new Attempt(Optional.of(new Found(row.get().id, row.get().userId, TokenScope.split(row.get().scopes))),
                true);
    }

    private record Row(UUID id, UUID userId, String secretHash, String scopes, boolean live) {
    }

    private static List<String> names(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(TokenScope::value).toList();
    }

    private static Listed listed(ResultSet rs, int n) throws SQLException {
        Instant expires = rs.getTimestamp("expires_at").toInstant();
        Timestamp revoked = rs.getTimestamp("revoked_at");
        Timestamp used = rs.getTimestamp("last_used_at");
        return new Listed(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("public_id"),
                names(TokenScope.split(rs.getString("scopes"))), rs.getTimestamp("created_at").toInstant(), expires,
                used == null ? null : used.toInstant(), revoked == null ? null : revoked.toInstant(),
                revoked == null && expires.isAfter(Instant.now()));
    }
}
