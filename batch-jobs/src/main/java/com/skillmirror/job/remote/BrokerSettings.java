package com.skillmirror.job.remote;

import jakarta.validation.constraints.NotBlank;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Names and objects on the broker shared by the manager and the workers (skillmirror.broker.*).
 *
 * @param partitionQueue durable queue of partition requests (JSON {@link PartitionRequest}); any worker takes the
 *                       next one
 * @param progressExchange fan-out of progress events (JSON) from workers to every manager/portal instance
 * @param progressBuffer progress events a worker keeps while the broker is away (sent when it is back; beyond
 *                       this the oldest superseded progress lines are coalesced)
 */
@ConfigurationProperties("skillmirror.broker")
@Validated
record BrokerSettings(@DefaultValue("skillmirror.partitions") @NotBlank String partitionQueue,
                      @DefaultValue("skillmirror.progress") @NotBlank String progressExchange,
                      @DefaultValue("2000") @jakarta.validation.constraints.Min(10) int progressBuffer) {

    Queue durablePartitionQueue() {
        return QueueBuilder.durable(partitionQueue).build();
    }

    FanoutExchange fanoutProgressExchange() {
        return new FanoutExchange(progressExchange, true, false);
    }

    static Binding bind(Queue queue, FanoutExchange exchange) {
        return BindingBuilder.bind(queue).to(exchange);
    }
}
