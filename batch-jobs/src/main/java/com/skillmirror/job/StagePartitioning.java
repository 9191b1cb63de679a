package com.skillmirror.job;

import com.skillmirror.analysis.Stage;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;

/** How a stage's partitions are executed: in-process threads, or remote workers over RabbitMQ. */
public interface StagePartitioning {

    /** The manager step of the stage: splits it with the partitioner and runs the stage's worker step per partition. */
    Step managerStep(Stage stage, Partitioner partitioner, Step workerStep);
}
