package com.skillmirror.portal.access;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * In-memory token buckets per key (an IP for logins, a user id for uploads): each bucket holds up to N permits and
 * refills N per minute. One process is the scope; with several portal replicas each limits on its own.
 */
@Component
@EnableConfigurationProperties(RateLimitSettings.class)
public class RateLimiter {

    /** Past this many keys the table is cleared; a burst of spoofed keys must not grow memory without bound. */
    private static final int MAX_KEYS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int loginsPerMinute;
    private final int uploadsPerMinute;
    private final int heavyPerMinute;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    RateLimiter(RateLimitSettings limits, AuditLog audit) {
        this.loginsPerMinute = limits.loginPerMinute();
        this.uploadsPerMinute = limits.uploadsPerMinute();
        this.heavyPerMinute = limits.comparePerMinute();
        this.audit = audit;
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
        if (buckets.size() > MAX_KEYS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, clock.millis()));
        long waitMs = bucket.tryTake(perMinute, clock.millis());
        if (waitMs > 0) {
            long seconds = Math.max(1, (waitMs + 999) / 1000);
            throw new TooManyRequestsException(what + " (limit " + perMinute + " per minute). Try again in "
                    + seconds + " s.", seconds);
        }
    }

    private static final class Bucket {
        private double permits;
        private long lastMs;

        Bucket(int capacity, long nowMs) {
            this.permits = capacity;
            this.lastMs = nowMs;
        }

        /** 0 when a permit was taken, else milliseconds until one is available. */
        synchronized long tryTake(int perMinute, long nowMs) {
            double refill = (nowMs - lastMs) * perMinute / 60_000.0;
            permits = Math.min(perMinute, permits + refill);
            lastMs = nowMs;
            if (permits >= 1) {
                permits -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - permits) * 60_000.0 / perMinute);
        }
    }
}
