package com.skillmirror.portal.access;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Token buckets per key (an IP for logins, a user id for uploads): each bucket holds up to N permits and refills N per
 * minute. The buckets are this process's ({@link LocalBuckets}) or, with skillmirror.replicas.redis=true, Redis's
 * ({@link RedisBuckets}), so several portal replicas count together.
 */
@Component
@EnableConfigurationProperties(RateLimitSettings.class)
public class RateLimiter {

    private final RateLimitBuckets buckets;
    private final int loginsPerMinute;
    private final int uploadsPerMinute;
    private final int heavyPerMinute;
    private final AuditLog audit;

    RateLimiter(RateLimitSettings limits, AuditLog audit, RateLimitBuckets buckets) {
        this.loginsPerMinute = limits.loginPerMinute();
        this.uploadsPerMinute = limits.uploadsPerMinute();
        this.heavyPerMinute = limits.comparePerMinute();
        this.audit = audit;
        this.buckets = buckets;
    }

    /**
     * Takes a sign-in attempt for the client address and for the account, or throws 429. The account's limit stops
     * guessing one password from many addresses; a flood against someone else's account delays their sign-in for
     * a minute at most (a soft lock-out), it never locks the account.
     */
    public void signIn(String clientAddress, String username) {
        take("login:" + clientAddress, loginsPerMinute, "Too many sign-in attempts from your address");
        String account = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        take("login-account:" + (account.length() > 100 ? account.substring(0, 100) : account), loginsPerMinute,
                "Too many sign-in attempts for this account");
    }

    /** Takes one CPU-heavy request (an on-demand comparison) for the user, or throws 429. */
    public void heavy(Actor actor) {
        audited(actor, "compare", () -> take("heavy:" + actor.id(), heavyPerMinute, "Too many comparisons"));
    }

    /**
     * Takes one change of a coach's notes for the user, or throws 429: each draws a frame from the video and renders
     * the report again (seconds of CPU), so it shares the heavy requests' rate, in its own bucket.
     */
    public void noteChange(Actor actor) {
        audited(actor, "note", () -> take("note:" + actor.id(), heavyPerMinute, "Too many note changes"));
    }

    private void audited(Actor actor, String what, Runnable take) {
        try {
            take.run();
        } catch (TooManyRequestsException e) {
            audit.record(actor.username(), AuditLog.RATE_LIMITED, what, "user:" + actor.id());
            throw e;
        }
    }

    public void upload(Actor actor) {
        audited(actor, "upload", () -> take("upload:" + actor.id(), uploadsPerMinute, "Too many uploads"));
    }

    private void take(String key, int perMinute, String what) {
        int colon = key.indexOf(':');
        long waitMs = buckets.tryTake(key.substring(0, colon), key.substring(colon + 1), perMinute);
        if (waitMs > 0) {
            long seconds = Math.max(1, (waitMs + 999) / 1000);
            throw new TooManyRequestsException(what + " (limit " + perMinute + " per minute). Try again in "
                    + seconds + " s.", seconds);
        }
    }
}
