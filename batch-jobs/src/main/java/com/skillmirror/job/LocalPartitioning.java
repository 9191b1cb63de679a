package com.skillmirror.job;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The embedded default: partitions run on a bounded thread pool in this JVM. */
public class LocalPartitioning implements StagePartitioning, DisposableBean {

    private final JobRepository jobRepository;
    private final ThreadPoolTaskExecutor executor;
    private final int threads;

    public LocalPartitioning(JobRepository jobRepository, ThreadPoolTaskExecutor executor, int threads) {
        this.jobRepository = jobRepository;
        this.executor = executor;
        this.threads = threads;
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }

    @Override
    public Step managerStep(String stepName, Partitioner partitioner, Step workerStep) {
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(workerStep);
        handler.setTaskExecutor(executor);
        handler.setGridSize(threads);
        return new StepBuilder(stepName, jobRepository)
                .partitioner(workerStep.getName(), partitioner)
                .partitionHandler(handler)
                .build();
    }
}
