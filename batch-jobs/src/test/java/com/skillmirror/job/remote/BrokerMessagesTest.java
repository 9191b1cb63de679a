package com.skillmirror.job.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.testsupport.OwnDatabaseTest;
import com.skillmirror.testsupport.RecordedProgress;
import com.skillmirror.testsupport.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Manager and worker configuration in one context on the real RabbitMQ ({@link TestServices}), with this run's own queue and exchange.
 * Partition requests and progress events travel as JSON; a Java-serialized message (the old format, which a forged
 * request or a collection bomb could use), a JSON bomb and JSON of the wrong shape are refused without being run or
 * requeued, and the worker goes on with the next request.
 */
@SpringBootTest(classes = {TestAnalysisApplication.class, RecordedProgress.class})
class BrokerMessagesTest extends OwnDatabaseTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String QUEUE = "skillmirror.partitions.test-" + RUN;
    static final String EXCHANGE = "skillmirror.progress.test-" + RUN;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("skillmirror.distributed", () -> "true");
        registry.add("skillmirror.worker.enabled", () -> "true");
        registry.add("spring.rabbitmq.host", () -> TestServices.current().rabbitmq().host());
        registry.add("spring.rabbitmq.port", () -> TestServices.current().rabbitmq().port());
        registry.add("skillmirror.broker.partition-queue", () -> QUEUE);
        registry.add("skillmirror.broker.progress-exchange", () -> EXCHANGE);
    }


    @MockitoBean
    PartitionRequestHandler handler;
    @Autowired
    DirectChannel partitionRequests;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    ApplicationContext context;
    @Autowired
    ProgressPublisher progress;
    @Autowired
    RecordedProgress events;

    static ApplicationContext lastContext;

    @BeforeEach
    void remember() {
        lastContext = context;
    }

    /** This run's queue and exchange are durable: removed once no consumer would declare them again. */
    @AfterAll
    static void removeTestQueueAndExchange() {
        lastContext.getBeansOfType(AbstractMessageListenerContainer.class).values().forEach(c -> c.stop());
        AmqpAdmin admin = lastContext.getBean(AmqpAdmin.class);
        admin.deleteQueue(QUEUE);
        admin.deleteExchange(EXCHANGE);
    }

    @Test
    void partitionRequestsTravelAsJsonAndAnythingElseIsRefusedWithoutStoppingTheWorker() throws Exception {
        AbstractMessageListenerContainer worker = workerContainer();
        worker.stop();

        // what the manager sends is JSON with exactly the step execution and step name
        partitionRequests.send(org.springframework.messaging.support.MessageBuilder
                .withPayload(new StepExecutionRequest(com.skillmirror.analysis.StepNames.DECODE_WORKER, 4242L)).build());
        Message sent = rabbit.receive(QUEUE, 10_000);
        assertThat(sent).isNotNull();
        assertThat(sent.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(JsonMapper.shared().readValue(sent.getBody(), Map.class))
                .isEqualTo(Map.of("stepExecutionId", 4242, "stepName", com.skillmirror.analysis.StepNames.DECODE_WORKER));

        // queued before it, in this order: each would be taken first if it were requeued
        List<Message> hostile = new ArrayList<>();
        hostile.add(javaSerialized(new StepExecutionRequest(com.skillmirror.analysis.StepNames.DECODE_WORKER, 666L)));
        hostile.add(javaSerialized(new java.util.HashSet<>(List.of(new java.util.HashSet<>(List.of("x"))))));
        hostile.add(json("[".repeat(100_000) + "]".repeat(100_000)));
        hostile.add(json("{\"stepExecutionId\":" + "[".repeat(5_000) + "]".repeat(5_000) + ",\"stepName\":\"s\"}"));
        hostile.add(json("{\"stepExecutionId\":667,\"stepName\":\"decodeWorker\",\"extra\":1}"));
        hostile.add(json("{\"stepExecutionId\":668}"));
        // a manager-only step: a broker client may not make a worker run it
        hostile.add(json("{\"stepExecutionId\":674,\"stepName\":\"teamReport\"}"));
        hostile.add(json("{\"stepExecutionId\":-1,\"stepName\":\"decodeWorker\"}"));
        hostile.add(json("{\"stepExecutionId\":669,\"stepName\":\"../../etc\"}"));
        hostile.add(json("{\"stepExecutionId\":670,\"stepName\":\"s\"} {\"stepExecutionId\":671,\"stepName\":\"s\"}"));
        hostile.add(json(" ".repeat(JsonMessages.MAX_BYTES) + "{\"stepExecutionId\":672,\"stepName\":\"s\"}"));
        hostile.add(MessageBuilder.withBody("{\"stepExecutionId\":673,\"stepName\":\"s\"}"
                .getBytes(StandardCharsets.UTF_8)).setContentType("text/plain").build());
        for (Message message : hostile) {
            rabbit.send("", QUEUE, message);
        }
        rabbit.send("", QUEUE, sent);
        worker.start();

        verify(handler, timeout(60_000)).handle(argThat(request -> request.getStepExecutionId() == 4242L
                && request.getStepName().equals(com.skillmirror.analysis.StepNames.DECODE_WORKER)));
        verify(handler, times(1)).handle(any());
        assertThat(admin.getQueueInfo(QUEUE).getMessageCount()).as("nothing requeued").isZero();
    }

    @Test
    void progressEventsTravelAsJsonAndOthersAreDropped() throws Exception {
        String tap = EXCHANGE + ".tap";
        admin.declareQueue(new Queue(tap, false, false, false));
        admin.declareBinding(BindingBuilder.bind(new Queue(tap)).to(new FanoutExchange(EXCHANGE)));
        UUID upload = UUID.randomUUID();

        // the old format first: the manager must not turn it into an event
        rabbit.send(EXCHANGE, "", javaSerialized(ProgressEvent.of(ProgressEvent.ERROR, upload, null, null, 100,
                "forged")));
        rabbit.send(EXCHANGE, "", json("{\"type\":\"<script>\",\"uploadId\":\"" + upload + "\",\"videoId\":null,"
                + "\"stage\":null,\"percent\":1,\"message\":\"x\",\"timestampMs\":1}"));
        ProgressEvent real = ProgressEvent.of(ProgressEvent.PROGRESS, upload, UUID.randomUUID(), null, 40, "pose");
        progress.publish(real);

        await().atMost(Duration.ofSeconds(30)).until(() -> events.received().stream()
                .anyMatch(e -> upload.equals(e.uploadId())));
        // the manager adds its estimates (ProgressEta) to what the worker sent
        assertThat(events.received().stream().filter(e -> upload.equals(e.uploadId())))
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("etaSeconds", "uploadEtaSeconds")
                .containsExactly(real);

        try {
            rabbit.receive(tap, 10_000);
            rabbit.receive(tap, 10_000);
            Message onTheWire = rabbit.receive(tap, 10_000);
            assertThat(onTheWire.getMessageProperties().getContentType()).isEqualTo("application/json");
            assertThat(JsonMapper.shared().readValue(onTheWire.getBody(), Map.class))
                    .containsEntry("type", "analysis_progress").containsEntry("uploadId", upload.toString());
        } finally {
            admin.deleteQueue(tap);
        }
    }

    private AbstractMessageListenerContainer workerContainer() {
        return context.getBeansOfType(AbstractMessageListenerContainer.class).values().stream()
                .filter(c -> List.of(c.getQueueNames()).contains(QUEUE))
                .findFirst().orElseThrow();
    }

    private static Message json(String body) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON).build();
    }

    private static Message javaSerialized(Serializable object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return MessageBuilder.withBody(bytes.toByteArray())
                .setContentType(MessageProperties.CONTENT_TYPE_SERIALIZED_OBJECT).build();
    }
}
