package com.skillmirror.portal.api;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.VideoPartitioner;
import com.skillmirror.job.AnalysisJobConfiguration;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.portal.PortalCoreSlice;
import com.skillmirror.portal.PortalWebSlice;
import com.skillmirror.portal.team.TeamRepository;
import com.skillmirror.portal.upload.PortalUploads;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.storage.StorageConfiguration;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.VideoRepository;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The API feature on the portal's core and web slices: the seed's adapters with what they call (uploads, results,
 * the real {@link AnalysisLauncher} on Spring Batch's real job repository) and the API description (springdoc).
 * The one stand-in is the analysis job itself (decoding and pose models are the stages' own tests): a one-step job
 * that records each start, and fails the first run of each upload so that a restart can follow.
 * <p>No @Configuration on purpose: the full-application tests scan com.skillmirror, and must not find this.
 */
@Import({PortalCoreSlice.class, PortalWebSlice.class, SeedApiController.class, OpenApiConfiguration.class,
        PortalUploads.class, UploadService.class, VideoRepository.class, AnalysisResults.class, StageResults.class,
        StorageConfiguration.class, SkillRegistry.class, TeamRepository.class, AnalysisLauncher.class,
        com.skillmirror.job.JobRecovery.class})
@ImportAutoConfiguration({BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class, SpringDocConfiguration.class,
        SpringDocConfigProperties.class, SpringDocWebMvcConfiguration.class})
class ApiSlice {

    /** A start of the analysis job as its step saw it. */
    record Start(UUID uploadId, long jobInstanceId, long jobExecutionId) {
    }

    static final class Starts {
        final BlockingQueue<Start> queue = new LinkedBlockingQueue<>();
        final Set<UUID> failedOnce = ConcurrentHashMap.newKeySet();
    }

    @Bean
    Starts starts() {
        return new Starts();
    }

    @Bean
    Job analysisJob(JobRepository jobs, PlatformTransactionManager transactions, Starts starts) {
        Tasklet recordStart = (contribution, chunk) -> {
            JobExecution execution = chunk.getStepContext().getStepExecution().getJobExecution();
            UUID upload = UUID.fromString(execution.getJobParameters().getString(VideoPartitioner.UPLOAD_ID));
            starts.queue.add(new Start(upload, execution.getJobInstance().getInstanceId(), execution.getId()));
            if (starts.failedOnce.add(upload)) {
                throw new IllegalStateException("First run of upload " + upload + " fails, to be restarted");
            }
            return RepeatStatus.FINISHED;
        };
        return new JobBuilder(AnalysisJobConfiguration.JOB_NAME, jobs)
                .start(new StepBuilder("record-start", jobs).tasklet(recordStart, transactions).build())
                .build();
    }
}
