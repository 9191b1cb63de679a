package com.skillmirror.job.remote;

import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.support.converter.SimpleMessageConverter;

/** Names and objects on the broker shared by the manager and the workers. */
final class BrokerConfiguration {

    /** Durable queue of partition requests (StepExecutionRequest); any worker takes the next one. */
    static final String PARTITION_QUEUE = "skillmirror.partitions";
    /** Fan-out of progress events from workers to every manager/portal instance. */
    static final String PROGRESS_EXCHANGE = "skillmirror.progress";

    private BrokerConfiguration() {
    }

    static Queue partitionQueue() {
        return QueueBuilder.durable(PARTITION_QUEUE).build();
    }

    static FanoutExchange progressExchange() {
        return new FanoutExchange(PROGRESS_EXCHANGE, true, false);
    }

    static Binding bind(Queue queue, FanoutExchange exchange) {
        return BindingBuilder.bind(queue).to(exchange);
    }

    /** Java serialization, restricted to the classes we send (StepExecutionRequest, ProgressEvent). */
    static SimpleMessageConverter converter() {
        SimpleMessageConverter converter = new SimpleMessageConverter();
        converter.setAllowedListPatterns(List.of("org.springframework.batch.*", "com.skillmirror.*", "java.lang.*",
                "java.util.*"));
        return converter;
    }
}
