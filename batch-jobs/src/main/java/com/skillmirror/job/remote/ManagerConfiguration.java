package com.skillmirror.job.remote;

import com.skillmirror.analysis.ProgressEta;
import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.job.PartitionSettings;
import com.skillmirror.job.StagePartitioning;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * The manager side of remote partitioning (skillmirror.distributed=true): partition requests go to the
 * RabbitMQ queue as JSON; the manager learns that partitions ended by polling the shared job repository, with a
 * timeout. No reply channel is used, so concurrent jobs can never receive each other's replies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "skillmirror.distributed", havingValue = "true")
@EnableBatchIntegration
@EnableConfigurationProperties({BrokerSettings.class, PartitionSettings.class})
public class ManagerConfiguration {

    @Bean
    Queue partitionQueue(BrokerSettings broker) {
        return broker.durablePartitionQueue();
    }

    @Bean
    DirectChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow partitionRequestsToBroker(DirectChannel partitionRequests, ConnectionFactory connectionFactory,
                                              BrokerSettings broker) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setMessageConverter(JsonMessages.partitionRequests());
        // a broker away for a few seconds (a restart) delays the partition requests instead of failing the stage:
        // about 30 s of tries, then the job's own recovery takes over (JobRecovery)
        template.setRetryTemplate(new org.springframework.core.retry.RetryTemplate(
                org.springframework.core.retry.RetryPolicy.builder().maxRetries(6)
                        .delay(java.time.Duration.ofSeconds(1)).multiplier(2).maxDelay(java.time.Duration.ofSeconds(10))
                        .includes(org.springframework.amqp.AmqpConnectException.class,
                                org.springframework.amqp.AmqpIOException.class)
                        .build()));
        return IntegrationFlow.from(partitionRequests)
                .transform(StepExecutionRequest.class, PartitionRequest::of)
                .handle(Amqp.outboundAdapter(template).routingKey(broker.partitionQueue()))
                .get();
    }

    @Bean
    StagePartitioning remotePartitioning(RemotePartitioningManagerStepBuilderFactory steps,
                                         DirectChannel partitionRequests, PartitionSettings settings) {
        return (String stepName, org.springframework.batch.core.partition.Partitioner partitioner,
                org.springframework.batch.core.step.Step workerStep) -> steps.get(stepName)
                .partitioner(workerStep.getName(), partitioner)
                .gridSize(settings.gridSize())
                .outputChannel(partitionRequests)
                .pollInterval(settings.pollInterval().toMillis())
                .timeout(settings.timeout().toMillis())
                .build();
    }

    // Progress from the workers, re-published here as Spring events (the portal's WebSocket and the CLI listen).

    @Bean
    FanoutExchange progressExchange(BrokerSettings broker) {
        return broker.fanoutProgressExchange();
    }

    /**
     * This instance's own progress queue. Not auto-deleted with its connection, so events published while the
     * manager's connection is being re-established (a RabbitMQ restart) wait in it instead of being dropped; it
     * expires a minute after this instance stopped consuming (x-expires). Not an AnonymousQueue: Spring AMQP 4 gives
     * those an x-queue-leader-locator argument that RabbitMQ before 3.12 refuses.
     */
    @Bean
    Queue managerProgressQueue(BrokerSettings broker) {
        return org.springframework.amqp.core.QueueBuilder
                .nonDurable(broker.progressExchange() + "." + java.util.UUID.randomUUID())
                .expires(60_000).build();
    }

    @Bean
    Binding managerProgressBinding(Queue managerProgressQueue, FanoutExchange progressExchange) {
        return BrokerSettings.bind(managerProgressQueue, progressExchange);
    }

    @Bean
    IntegrationFlow progressFromWorkers(ConnectionFactory connectionFactory, Queue managerProgressQueue,
                                        ApplicationEventPublisher events, ProgressEta progressEta) {
        return IntegrationFlow.from(Amqp.inboundAdapter(connectionFactory, managerProgressQueue)
                        .messageConverter(JsonMessages.progressEvents()))
                .handle(ProgressEvent.class, (event, headers) -> {
                    // estimated here, where every worker's events meet (a worker sees only its own partitions)
                    ProgressEvent estimated = progressEta.apply(event);
                    if (estimated != null) {
                        events.publishEvent(estimated);
                    }
                    return null;
                })
                .get();
    }
}
