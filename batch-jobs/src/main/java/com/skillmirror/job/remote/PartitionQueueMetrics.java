package com.skillmirror.job.remote;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The partition queue as the manager sees it, read at each scrape: {@code skillmirror.partition.queue.depth}, the
 * partition requests waiting in RabbitMQ (not yet taken by a worker), and {@code skillmirror.partition.queue.age},
 * the seconds the oldest partition has waited for a worker (a remote partition is created STARTING by the manager
 * and STARTED by the worker that takes it; 0 when none waits). NaN when the broker or the database cannot answer.
 */
@Component
@ConditionalOnProperty(name = "skillmirror.distributed", havingValue = "true")
class PartitionQueueMetrics implements MeterBinder {

    static final String DEPTH = "skillmirror.partition.queue.depth";
    static final String AGE = "skillmirror.partition.queue.age";

    private final AmqpAdmin broker;
    private final JdbcClient jdbc;
    private final BrokerSettings settings;

    PartitionQueueMetrics(AmqpAdmin broker, JdbcClient jdbc, BrokerSettings settings) {
        this.broker = broker;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(DEPTH, this, PartitionQueueMetrics::depth).baseUnit("messages")
                .description("Partition requests waiting in the broker for a worker").register(registry);
        Gauge.builder(AGE, this, PartitionQueueMetrics::oldestWaitSeconds).baseUnit("seconds")
                .description("How long the oldest partition has waited for a worker").register(registry);
    }

    double depth() {
        try {
            QueueInformation info = broker.getQueueInfo(settings.partitionQueue());
            return info == null ? Double.NaN : info.getMessageCount();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    double oldestWaitSeconds() {
        try {
            // Spring Batch writes create_time as the JVM's local time (a TIMESTAMP without zone): compare in Java.
            // Only partitions of jobs still running: one of a job that failed or was stopped before a worker took it
            // stays STARTING for ever and would make the age grow without end.
            java.time.LocalDateTime oldest = jdbc.sql("""
                    SELECT MIN(s.create_time) FROM batch_step_execution s
                    JOIN batch_job_execution j ON j.job_execution_id = s.job_execution_id
                    WHERE s.status = 'STARTING' AND s.start_time IS NULL AND j.end_time IS NULL""")
                    .query(java.time.LocalDateTime.class).list().stream().filter(java.util.Objects::nonNull).findFirst()
                    .orElse(null);
            return oldest == null ? 0
                    : Math.max(0, java.time.Duration.between(oldest, java.time.LocalDateTime.now()).toMillis() / 1000.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
