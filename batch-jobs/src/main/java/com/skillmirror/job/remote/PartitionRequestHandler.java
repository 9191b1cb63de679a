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
 * (the worker died after finishing but before acknowledging) is not run twice. A request for a step execution this
 * job repository does not know is dropped with a warning; any other failure outside the step (the database gone,
 * say) is thrown after a pause, so the broker redelivers it without a hot loop.
 */
class PartitionRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(PartitionRequestHandler.class);
    private static final long REDELIVERY_PAUSE_MS = 5_000;

    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler delegate;

    PartitionRequestHandler(JobRepository jobRepository, StepExecutionRequestHandler delegate) {
        this.jobRepository = jobRepository;
        this.delegate = delegate;
    }

    public StepExecution handle(StepExecutionRequest request) {
        StepExecution current;
        try {
            current = jobRepository.getStepExecution(request.getStepExecutionId());
        } catch (RuntimeException e) {
            log.warn("Partition {} not started, will be redelivered: {}", request, e.getMessage());
            pause();
            throw e;
        }
        if (current == null) {
            log.warn("Partition {} is unknown to this job repository (another deployment's queue?); dropped", request);
            return null;
        }
        if (current.getJobExecution() != null && !current.getJobExecution().getStatus().isRunning()) {
            // its job ended (failed while a service was away, or marked failed for a resume): a restart of the job
            // sends a request of its own for this partition, which resumes at its last committed chunk
            log.info("Partition {} belongs to a job execution that is {}; dropped", request,
                    current.getJobExecution().getStatus());
            return current;
        }
        if (current.getStatus() == BatchStatus.COMPLETED) {
            log.info("Partition {} already completed; duplicate delivery ignored", request);
            return current;
        }
        log.info("Running partition {}", request);
        return delegate.handle(request);
    }

    private static void pause() {
        try {
            Thread.sleep(REDELIVERY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
