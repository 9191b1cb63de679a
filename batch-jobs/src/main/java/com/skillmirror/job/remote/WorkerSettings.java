package com.skillmirror.job.remote;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.worker.*
 *
 * @param enabled this process takes partitions from the broker (the worker app sets it)
 * @param concurrency partitions this worker runs at once
 */
@ConfigurationProperties("skillmirror.worker")
@Validated
record WorkerSettings(@DefaultValue("false") boolean enabled, @DefaultValue("1") @Min(1) int concurrency) {
}
