package com.skillmirror.portal.access;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis (Bucket4j's Lettuce proxy manager, compare-and-swap), so every portal replica takes from the
 * same bucket. A key is prefix:ratelimit:kind:SHA-256 of the address or account (never a raw user name, and of fixed
 * length whatever was sent); it expires once its bucket would be full again, so idle keys do not pile up. While Redis
 * cannot be reached the replica limits on its own ({@link LocalBuckets}) rather than refusing or admitting everyone.
 */
final class RedisBuckets implements RateLimitBuckets, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);
    private static final long WARN_EVERY_MS = 60_000;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> buckets;
    private final String prefix;
    private final LocalBuckets fallback = new LocalBuckets();
    private final AtomicLong lastWarning = new AtomicLong();

    RedisBuckets(RedisClient client, String keyPrefix) {
        this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .requestTimeout(Duration.ofSeconds(5))
                .build();
        this.prefix = keyPrefix + ":ratelimit:";
    }

    @Override
    public long tryTake(String kind, String key, int perMinute) {
        String redisKey = prefix + kind + ":" + sha256(key);
        try {
            BucketConfiguration configuration = BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                    .build();
            ConsumptionProbe probe = buckets.builder().build(redisKey, () -> configuration).tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForRefill()));
        } catch (RuntimeException e) {
            long now = System.currentTimeMillis();
            long last = lastWarning.get();
            if (now - last > WARN_EVERY_MS && lastWarning.compareAndSet(last, now)) {
                log.warn("Rate limits: Redis unreachable ({}); this replica limits on its own until it is back",
                        e.getMessage());
            }
            return fallback.tryTake(kind, key, perMinute);
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
