package com.skillmirror.portal.replicas;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Redis is opt-in (skillmirror.replicas.redis=true). Off, Boot's Redis and Spring Session auto-configurations are
 * excluded, so the embedded default neither connects to Redis nor reports it in health, and nothing is cached
 * (spring.cache.type=none). On, the caches are Redis caches under prefix:cache: for cache-ttl, the sessions go to Redis
 * under the installation's key prefix (an indexed repository, whose deletion events reach every replica), and a
 * Redis that cannot be reached stops the start here, with a message that names it, before anything else is built.
 * Public: Spring Boot loads it from META-INF/spring.factories.
 */
public class RedisSwitch implements EnvironmentPostProcessor, Ordered {

    static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration",
            "org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration");
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    @Override
    public int getOrder() {
        // after the configuration files and the environment variables are read
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        boolean redis = binder.bind(ReplicaSettings.REDIS, Boolean.class).orElse(false);
        Map<String, Object> properties = new LinkedHashMap<>();
        if (!redis) {
            Set<String> excluded = new LinkedHashSet<>(
                    binder.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class)).orElse(List.of()));
            excluded.addAll(REDIS_AUTO_CONFIGURATIONS);
            properties.put("spring.autoconfigure.exclude", String.join(",", excluded));
            // one portal reads the database directly: nothing cached that an in-process ingest could leave stale
            if (!environment.containsProperty("spring.cache.type")) {
                properties.put("spring.cache.type", "none");
            }
        } else {
            String prefix = binder.bind("skillmirror.replicas.key-prefix", String.class).orElse("skillmirror");
            if (!environment.containsProperty("spring.session.data.redis.namespace")) {
                properties.put("spring.session.data.redis.namespace", prefix + ":session");
            }
            if (!environment.containsProperty("spring.session.data.redis.repository-type")) {
                properties.put("spring.session.data.redis.repository-type", "indexed");
            }
            // a command waits at most this for Redis (Lettuce's own default is 60 s per command): with Redis away,
            // sessions, caches and the progress relay fail fast instead of holding request and job threads
            if (!environment.containsProperty("spring.data.redis.timeout")) {
                properties.put("spring.data.redis.timeout", "2s");
            }
            if (!environment.containsProperty("spring.cache.type")) {
                properties.put("spring.cache.type", "redis");
                properties.put("spring.cache.redis.key-prefix", prefix + ":cache:");
                properties.put("spring.cache.redis.time-to-live",
                        binder.bind("skillmirror.replicas.cache-ttl", String.class).orElse("10m"));
            }
            requireReachable(binder);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("skillmirror-replicas", properties));
    }

    /** A TCP connection to the configured Redis, or the start fails with a message saying what to do. */
    static void requireReachable(Binder binder) {
        String host = binder.bind("spring.data.redis.host", String.class).orElse("localhost");
        int port = binder.bind("spring.data.redis.port", Integer.class).orElse(6379);
        String url = binder.bind("spring.data.redis.url", String.class).orElse(null);
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url);
            host = uri.getHost();
            port = uri.getPort() > 0 ? uri.getPort() : 6379;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Redis at " + host + ":" + port + " cannot be reached (" + e.getMessage()
                    + "). skillmirror.replicas.redis=true keeps the sessions, rate limits and live progress of every"
                    + " portal replica there: start Redis, point spring.data.redis.host/port (or spring.data.redis.url)"
                    + " at it, or set skillmirror.replicas.redis=false to run a single portal without Redis.", e);
        }
    }
}
