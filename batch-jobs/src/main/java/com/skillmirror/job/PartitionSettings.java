package com.skillmirror.job;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.partition.*
 *
 * @param threads in-process partition threads (0: one per CPU)
 * @param gridSize partitions a remote manager step asks for at once
 * @param pollInterval how often a remote manager step looks in the job repository for finished partitions
 * @param timeout how long it waits for them at most
 */
@ConfigurationProperties("skillmirror.partition")
@Validated
public record PartitionSettings(@DefaultValue("0") @Min(0) int threads, @DefaultValue("4") @Min(1) int gridSize,
                                @DefaultValue("1s") @NotNull Duration pollInterval,
                                @DefaultValue("6h") @NotNull Duration timeout) {

    /** The threads to run in-process partitions on. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
