package com.skillmirror.portal.replicas;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.replicas.*: several portal replicas behind one load balancer share their state through Redis.
 *
 * @param redis      true to keep sessions, rate limits, live progress events and the skill/expert/pattern caches in
 *                   Redis (spring.data.redis.*), so any replica can serve any request; false (the default) keeps
 *                   them in this process, and the portal needs no Redis
 * @param keyPrefix  the first part of every Redis key and channel this portal writes (sessions, rate limits,
 *                   caches, progress events): portals sharing one Redis for different installations need their own
 * @param cacheTtl   how long a cached skill, expert or pattern lookup lives in Redis at most; a change made by this
 *                   portal evicts at once, this bounds how long a change made elsewhere (the expert-ingest process)
 *                   takes to show
 */
@ConfigurationProperties("skillmirror.replicas")
@Validated
public record ReplicaSettings(@DefaultValue("false") boolean redis,
                              @DefaultValue("skillmirror") @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String keyPrefix,
                              @DefaultValue("10m") @DurationMin(seconds = 1) Duration cacheTtl) {

    /** The property that switches Redis on; the conditions on the Redis beans name it. */
    public static final String REDIS = "skillmirror.replicas.redis";

    /** A Redis key or channel of this installation: prefix:part. */
    public String key(String part) {
        return keyPrefix + ":" + part;
    }
}
