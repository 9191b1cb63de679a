package com.skillmirror.portal.replicas;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link ReplicaSettings}. The Redis side of each feature sits with the feature: the rate limits' buckets in
 * access, the progress relay in live, the caches with their readers; sessions are Spring Session's (switched on or
 * off by {@link RedisSwitch}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplicaSettings.class)
class ReplicasConfiguration {
}
