package com.skillmirror.portal.access;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets in this process's memory: the embedded default, and the fallback while Redis is unreachable. */
final class LocalBuckets implements RateLimitBuckets {

    /** Past this many keys the table is cleared; a burst of spoofed keys must not grow memory without bound. */
    private static final int MAX_KEYS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @Override
    public long tryTake(String kind, String key, int perMinute) {
        if (buckets.size() > MAX_KEYS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(kind + ":" + key, k -> new Bucket(perMinute, clock.millis()));
        return bucket.tryTake(perMinute, clock.millis());
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
