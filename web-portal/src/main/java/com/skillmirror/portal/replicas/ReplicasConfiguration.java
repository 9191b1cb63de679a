package com.skillmirror.portal.replicas;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link ReplicaSettings}. The Redis side of each feature sits with the feature: the rate limits' buckets in
 * access, the progress relay in live, the caches with their readers; sessions are Spring Session's (switched on or
 * off by {@link RedisSwitch}). Caching is on: Redis caches with several replicas, none (spring.cache.type=none) for one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplicaSettings.class)
@EnableCaching
class ReplicasConfiguration {
}
