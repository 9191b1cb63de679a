package com.skillmirror.job.remote;

import java.util.regex.Pattern;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A partition request as it travels on the broker, as JSON: which step execution to run, and the worker step's
 * name. Only these two values cross; the worker reads everything else from the shared job repository.
 */
record PartitionRequest(long stepExecutionId, String stepName) {

    private static final Pattern STEP_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");

    PartitionRequest {
        if (stepExecutionId <= 0) {
            throw new IllegalArgumentException("stepExecutionId must be positive");
        }
        if (stepName == null || !STEP_NAME.matcher(stepName).matches()) {
            throw new IllegalArgumentException("stepName must be a step name");
        }
    }

    static PartitionRequest of(StepExecutionRequest request) {
        return new PartitionRequest(request.getStepExecutionId(), request.getStepName());
    }

    StepExecutionRequest toStepExecutionRequest() {
        return new StepExecutionRequest(stepName, stepExecutionId);
    }
}
