package com.skillmirror.job.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.testsupport.TcpForwarder;
import com.skillmirror.testsupport.TestServices;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A worker's progress events while RabbitMQ is away (the machine's real broker behind a loopback forwarder that
 * resets connections and refuses new ones): queued, then delivered in order once it answers; beyond the buffer the
 * oldest progress lines superseded by newer ones of the same video and step are coalesced, an error never.
 */
class ProgressBufferTest {

    @Test
    void eventsOfAnOutageArriveAfterItInOrderAndOnlySupersededProgressIsCoalesced() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "skillmirror.progress.buffer-test-" + run;
        TestServices.Address rabbitmq = TestServices.current().rabbitmq();
        CachingConnectionFactory direct = new CachingConnectionFactory(rabbitmq.host(), rabbitmq.port());
        direct.setUsername("guest");
        direct.setPassword("guest");
        RabbitAdmin admin = new RabbitAdmin(direct);
        FanoutExchange fanout = new FanoutExchange(exchange, false, false);
        // not auto-deleted: a receive with a timeout consumes and cancels, which would delete it
        Queue queue = new Queue(exchange + ".watcher", false, false, false);
        admin.declareExchange(fanout);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(fanout));
        RabbitTemplate watcher = new RabbitTemplate(direct);
        watcher.setMessageConverter(JsonMessages.progressEvents());

        try (TcpForwarder broker = new TcpForwarder(rabbitmq.host(), rabbitmq.port())) {
            CachingConnectionFactory worker = new CachingConnectionFactory("127.0.0.1", broker.port());
            worker.setUsername("guest");
            worker.setPassword("guest");
            RabbitTemplate template = new RabbitTemplate(worker);
            template.setMessageConverter(JsonMessages.progressEvents());
            AmqpProgressPublisher publisher = new AmqpProgressPublisher(template, exchange, 10);
            try {
                UUID upload = UUID.randomUUID();
                UUID video = UUID.randomUUID();
                publisher.publish(event(ProgressEvent.PROGRESS, upload, video, "pose/0", 0.0));
                // delivered before the cut: a publish returns once its bytes are in the socket, not at the broker
                List<ProgressEvent> got = new ArrayList<>();
                got.add((ProgressEvent) watcher.receiveAndConvert(queue.getName(), 60_000));
                assertThat(got.get(0)).as("the event before the outage").isNotNull();
                broker.cut();
                Thread.sleep(500); // the client notices its connection reset (a publish is not confirmed)
                List<ProgressEvent> sent = new ArrayList<>();
                for (int i = 1; i <= 30; i++) {
                    sent.add(event(ProgressEvent.PROGRESS, upload, video, "pose/0", i / 30.0));
                    if (i == 12) {
                        sent.add(event(ProgressEvent.ERROR, upload, UUID.randomUUID(), null, 1));
                    }
                }
                sent.forEach(publisher::publish);
                assertThat(publisher.waiting()).as("bounded").isEqualTo(10);
                broker.restore();

                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (got.size() < 11 && System.nanoTime() < deadline) {
                    Object next = watcher.receiveAndConvert(queue.getName(), 1000);
                    if (next != null) {
                        got.add((ProgressEvent) next);
                    }
                }
                assertThat(got).hasSize(11);
                assertThat(got.get(0).fraction()).isEqualTo(0.0);
                // the error and the newest progress of the outage made it, everything in the order it was sent
                assertThat(got).anyMatch(e -> ProgressEvent.ERROR.equals(e.type()));
                assertThat(got.get(got.size() - 1).fraction()).isEqualTo(1.0);
                List<Double> fractions = got.stream().filter(e -> ProgressEvent.PROGRESS.equals(e.type()))
                        .map(ProgressEvent::fraction).toList();
                assertThat(fractions).isSorted();
                assertThat(publisher.waiting()).isZero();
            } finally {
                publisher.destroy();
                worker.destroy();
            }
        } finally {
            admin.deleteQueue(queue.getName());
            admin.deleteExchange(exchange);
            direct.destroy();
        }
    }

    private static ProgressEvent event(String type, UUID upload, UUID video, String step, double fraction) {
        return new ProgressEvent(type, upload, video, "pose", (int) Math.round(fraction * 100), type,
                System.currentTimeMillis(), step, fraction, 0, 0);
    }
}
