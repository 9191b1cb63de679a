package com.skillmirror.ingest;

import com.skillmirror.job.ingest.IngestSettings;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The nightly expert ingest: a Quartz job in the clustered JDBC job store (tables from the sql module), so with
 * several instances the trigger fires on one of them; the drops themselves are also claimed in the database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "skillmirror.ingest.schedule.enabled", havingValue = "true", matchIfMissing = true)
@PropertySource("classpath:expert-ingest.properties")
public class IngestScheduleConfiguration {

    @Bean
    JobDetail expertIngestJob() {
        return JobBuilder.newJob(ExpertIngestJob.class).withIdentity("expert-ingest")
                .withDescription("Turns new expert drops into expert patterns").storeDurably().build();
    }

    @Bean
    Trigger expertIngestNightly(JobDetail expertIngestJob, IngestSettings settings) {
        return TriggerBuilder.newTrigger().forJob(expertIngestJob).withIdentity("expert-ingest-nightly")
                .withSchedule(CronScheduleBuilder.cronSchedule(settings.cron()).withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
