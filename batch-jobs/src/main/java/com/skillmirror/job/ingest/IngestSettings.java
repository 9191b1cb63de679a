package com.skillmirror.job.ingest;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.ingest.*
 *
 * @param folder a folder expert drops are picked up from (unset: the prefix in the application's storage)
 * @param prefix where in the application's storage drops are picked up from, so S3 deployments drop into the bucket
 * @param cron when the nightly ingest runs (Quartz cron expression)
 * @param schedule whether it runs on a schedule at all
 */
@ConfigurationProperties("skillmirror.ingest")
@Validated
public record IngestSettings(String folder, @DefaultValue("experts/inbox/") @NotBlank String prefix,
                             @DefaultValue("0 0 2 * * ?") @NotBlank String cron,
                             @DefaultValue Schedule schedule) {

    /** @param enabled run the ingest on its cron schedule (false: only when started by hand) */
    public record Schedule(@DefaultValue("true") boolean enabled) {
    }
}
