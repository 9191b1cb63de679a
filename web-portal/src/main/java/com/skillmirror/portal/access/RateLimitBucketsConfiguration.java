package com.skillmirror.portal.access;

import com.skillmirror.portal.replicas.ReplicaSettings;
import io.lettuce.core.RedisClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The rate limits' buckets: in this process by default, in Redis when the portal runs as several replicas. */
@Configuration(proxyBeanMethods = false)
class RateLimitBucketsConfiguration {

    @Bean
    @ConditionalOnProperty(name = ReplicaSettings.REDIS, havingValue = "false", matchIfMissing = true)
    RateLimitBuckets localRateLimitBuckets() {
        return new LocalBuckets();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = ReplicaSettings.REDIS, havingValue = "true")
    RateLimitBuckets redisRateLimitBuckets(RedisConnectionFactory redis, ReplicaSettings replicas) {
        if (!(redis instanceof LettuceConnectionFactory lettuce)
                || !(lettuce.getRequiredNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException("Shared rate limits need a standalone or sentinel Redis through Lettuce"
                    + " (spring.data.redis.client-type=lettuce, no cluster)");
        }
        return new RedisBuckets(client, replicas.keyPrefix());
    }
}
