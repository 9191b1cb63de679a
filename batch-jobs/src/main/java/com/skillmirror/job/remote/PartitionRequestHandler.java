package com.skillmirror.job.remote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * Runs a partition request on this worker. A request is acknowledged only after its step ends, so a worker that
 * dies mid-step gets its request redelivered to another; a redelivered request whose step already completed
 * (the worker died after finishing but before acknowledging) is not run twice.
 */
class PartitionRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(PartitionRequestHandler.class);

    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler delegate;

    PartitionRequestHandler(JobRepository jobRepository, StepExecutionRequestHandler delegate) {
        this.jobRepository = jobRepository;
        this.delegate = delegate;
    }

    public StepExecution handle(StepExecutionRequest request) {
        StepExecution current = jobRepository.getStepExecution(request.getStepExecutionId());
        if (current != null && current.getStatus() == BatchStatus.COMPLETED) {
            log.info("Partition {} already completed; duplicate delivery ignored", request);
            return current;
        }
        log.info("Running partition {}", request);
        return delegate.handle(request);
    }
}
