package com.skillmirror.job;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.recovery.*: how an analysis job rides out PostgreSQL, RabbitMQ or storage being away for a while.
 *
 * @param attempts automatic restarts of one upload's job whose failures were all transient (connection refused or
 *                 reset, no connection from the pool, the broker or the store unreachable); 0 switches them off
 * @param window the restarts count within this time; an upload that fails again after it gets its attempts back
 * @param backoff the first pause before looking whether the services answer again; doubled per look
 * @param maxBackoff the longest pause between two looks
 * @param serviceWait how long to wait for the services to answer (and the job's partitions still running on
 *                    workers to end) before the job stays failed and needs a resume
 * @param staleAfter a job left running in the database with no heartbeat (its manager beats every quarter of this) and
 *                   no step updated for this long, and not running in this process, is taken as one whose manager
 *                   died: a resume marks it failed and restarts it
 */
@ConfigurationProperties("skillmirror.recovery")
@Validated
public record RecoverySettings(@DefaultValue("3") @Min(0) int attempts,
                               @DefaultValue("10m") @NotNull Duration window,
                               @DefaultValue("2s") @NotNull Duration backoff,
                               @DefaultValue("30s") @NotNull Duration maxBackoff,
                               @DefaultValue("3m") @NotNull Duration serviceWait,
                               @DefaultValue("90s") @NotNull Duration staleAfter) {
}
