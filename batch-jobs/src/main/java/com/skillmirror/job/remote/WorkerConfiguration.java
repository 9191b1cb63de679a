package com.skillmirror.job.remote;

import com.skillmirror.analysis.ProgressPublisher;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * The worker side (skillmirror.worker.enabled=true): takes partition requests from the queue one at a time per
 * consumer thread and runs the named worker step against the shared JDBC job repository. A message that is not a
 * JSON partition request is logged and rejected without requeue ({@link JsonMessages}), never run.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "skillmirror.worker.enabled", havingValue = "true")
@EnableConfigurationProperties({BrokerSettings.class, WorkerSettings.class})
public class WorkerConfiguration {

    @Bean
    Queue workerPartitionQueue(BrokerSettings broker) {
        return broker.durablePartitionQueue();
    }

    @Bean
    FanoutExchange workerProgressExchange(BrokerSettings broker) {
        return broker.fanoutProgressExchange();
    }

    @Bean
    ProgressPublisher amqpProgressPublisher(ConnectionFactory connectionFactory, BrokerSettings broker) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setMessageConverter(JsonMessages.progressEvents());
        return new AmqpProgressPublisher(template, broker.progressExchange(), broker.progressBuffer());
    }

    @Bean
    PartitionRequestHandler partitionRequestHandler(JobRepository jobRepository, BeanFactory beanFactory) {
        BeanFactoryStepLocator locator = new BeanFactoryStepLocator();
        locator.setBeanFactory(beanFactory);
        StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
        handler.setJobRepository(jobRepository);
        handler.setStepLocator(locator);
        return new PartitionRequestHandler(jobRepository, handler);
    }

    @Bean
    IntegrationFlow partitionRequestsFromBroker(ConnectionFactory connectionFactory, Queue workerPartitionQueue,
                                                PartitionRequestHandler handler, WorkerSettings settings) {
        return IntegrationFlow.from(Amqp.inboundAdapter(connectionFactory, workerPartitionQueue)
                        .messageConverter(JsonMessages.partitionRequests())
                        .configureContainer(c -> c.acknowledgeMode(AcknowledgeMode.AUTO)
                                .prefetchCount(1)
                                .concurrentConsumers(settings.concurrency())
                                .defaultRequeueRejected(true)))
                .handle(PartitionRequest.class, (request, headers) -> {
                    handler.handle(request.toStepExecutionRequest());
                    return null;
                })
                .get();
    }
}
