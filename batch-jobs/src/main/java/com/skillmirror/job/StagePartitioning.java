package com.skillmirror.job;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;

/** How a stage's partitions are executed: in-process threads, or remote workers over RabbitMQ. */
public interface StagePartitioning {

    /** A manager step named stepName: splits the work with the partitioner and runs workerStep per partition. */
    Step managerStep(String stepName, Partitioner partitioner, Step workerStep);
}
