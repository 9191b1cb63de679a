package com.skillmirror.portal.live;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.portal.replicas.ReplicaSettings;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several portal replicas: the progress events of this replica's own analysis stages and job listener reach its own
 * watchers as before (an application event, through the job's local publisher) and are also sent, as they were
 * delivered, to a Redis channel (prefix:progress) that every other replica hands to its watchers; a replica skips its
 * own messages, so each watcher gets each event once. Events of remote workers need no relay: they already reach
 * every replica through the broker's progress fan-out (each replica has its own queue), so only events published
 * through this replica's {@link ProgressPublisher} are sent on. Publishing is serialised and one thread sends, so the
 * channel carries the events in the order this replica delivered them; Redis being slow or away never stalls the job
 * (the sender's queue drops its oldest messages when full, see spring.data.redis.timeout).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = ReplicaSettings.REDIS, havingValue = "true")
class RedisProgressRelay {

    private static final Logger log = LoggerFactory.getLogger(RedisProgressRelay.class);
    /** An event is a few hundred bytes; anything far larger on the channel is not ours and is not parsed. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final long WARN_EVERY_MS = 60_000;
    static final int SEND_QUEUE = 1000;

    /** Set while this replica's publisher delivers an event, so the listener below knows to send that one on. */
    private static final ThreadLocal<Boolean> PUBLISHING_HERE = ThreadLocal.withInitial(() -> false);

    private final String replicaId = UUID.randomUUID().toString();
    private final Object publishing = new Object();
    private final AtomicLong lastWarning = new AtomicLong();
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String channel;
    /** One thread sends, in order; at most SEND_QUEUE messages wait, the oldest is dropped beyond that. */
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(SEND_QUEUE), r -> {
                Thread t = new Thread(r, "progress-to-replicas");
                t.setDaemon(true);
                return t;
            }, (task, pool) -> {
                if (!pool.isShutdown()) {
                    pool.getQueue().poll();
                    warn("Progress events dropped for the other replicas ({} waiting; Redis slow or away)",
                            String.valueOf(SEND_QUEUE));
                    pool.execute(task);
                }
            });

    RedisProgressRelay(StringRedisTemplate redis, JsonMapper json, ReplicaSettings replicas) {
        this.redis = redis;
        this.json = json;
        this.channel = replicas.key("progress");
    }

    /** The analysis publishes through this: the job's own local publisher, marked as this replica's. */
    @Bean
    @Primary
    ProgressPublisher replicatedProgressPublisher(@Qualifier("localProgressPublisher") ProgressPublisher local) {
        return event -> {
            synchronized (publishing) {
                PUBLISHING_HERE.set(true);
                try {
                    local.publish(event);
                } finally {
                    PUBLISHING_HERE.remove();
                }
            }
        };
    }

    /**
     * An event this replica's publisher delivers, as delivered (estimates included), goes to the other replicas: it is
     * serialised here (in the delivery order) and sent by one thread of its own, outside the publishing lock, so a
     * slow or unreachable Redis never holds up the job; when the queue is full the oldest message is dropped.
     */
    @EventListener
    void sendOn(ProgressEvent event) {
        if (!PUBLISHING_HERE.get()) {
            return;
        }
        String text;
        try {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("replica", replicaId);
            message.put("event", event);
            text = json.writeValueAsString(message);
        } catch (RuntimeException e) {
            warn("Progress event not serialised for the other replicas ({})", e.getMessage());
            return;
        }
        sender.execute(() -> {
            try {
                redis.convertAndSend(channel, text);
            } catch (RuntimeException e) {
                warn("Progress events not sent to the other replicas ({}): their watchers miss them until Redis"
                        + " is back; this replica's watchers still get them", e.getMessage());
            }
        });
    }

    private void warn(String format, String detail) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > WARN_EVERY_MS && lastWarning.compareAndSet(last, now)) {
            log.warn(format, detail);
        }
    }

    @PreDestroy
    void stopSending() {
        sender.shutdownNow();
    }

    @Bean
    RedisMessageListenerContainer progressFromReplicas(RedisConnectionFactory connections,
                                                       ApplicationEventPublisher events) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        // one thread hands the messages on, in the channel's order (the default runs each on a thread of its own)
        ThreadPoolTaskExecutor inOrder = new ThreadPoolTaskExecutor();
        inOrder.setCorePoolSize(1);
        inOrder.setMaxPoolSize(1);
        inOrder.setDaemon(true);
        inOrder.setThreadNamePrefix("progress-from-replicas-");
        inOrder.initialize();
        container.setTaskExecutor(inOrder);
        MessageListener listener = (Message message, byte[] pattern) -> {
            byte[] body = message.getBody();
            if (body.length > MAX_MESSAGE_BYTES) {
                log.warn("Ignored a {} byte message on the progress channel", body.length);
                return;
            }
            try {
                JsonNode received = json.readTree(new String(body, StandardCharsets.UTF_8));
                if (replicaId.equals(received.path("replica").asString(""))) {
                    return;
                }
                events.publishEvent(json.treeToValue(received.required("event"), ProgressEvent.class));
            } catch (JacksonException | IllegalArgumentException e) {
                log.warn("Ignored a message on the progress channel that is not a progress event: {}", e.getMessage());
            }
        };
        container.addMessageListener(listener, new ChannelTopic(channel));
        return container;
    }
}
