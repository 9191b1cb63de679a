package com.skillmirror.job.remote;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Progress from a remote worker: to the progress exchange; losing one is better than failing a partition. */
class AmqpProgressPublisher implements ProgressPublisher {

    private static final Logger log = LoggerFactory.getLogger(AmqpProgressPublisher.class);

    private final RabbitTemplate rabbit;
    private final String exchange;

    AmqpProgressPublisher(RabbitTemplate rabbit, String exchange) {
        this.rabbit = rabbit;
        this.exchange = exchange;
    }

    @Override
    public void publish(ProgressEvent event) {
        try {
            rabbit.convertAndSend(exchange, "", event);
        } catch (AmqpException e) {
            log.warn("Progress event not sent ({}): {}", e.getMessage(), event);
        }
    }
}
