package com.skillmirror.job;

import com.skillmirror.analysis.LocalProgressPublisher;
import com.skillmirror.analysis.ProgressEta;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.StepNames;
import com.skillmirror.analysis.VideoPartitioner;
import com.skillmirror.upload.VideoRepository;
import java.util.UUID;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The analysis job: decode (partitioned per video); then pose (per video segment) beside speech (per video with
 * audio); then the pose summary, compare (per video), report (every video) and the team report beside the overlay
 * video (per video).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PartitionSettings.class)
public class AnalysisJobConfiguration {

    public static final String JOB_NAME = "analysis";

    @Bean
    Job analysisJob(JobRepository jobRepository, StagePartitioning partitioning, VideoPartitioner videoPartitioner,
                    @Qualifier(StepNames.DECODE_WORKER) Step decodeWorker,
                    @Qualifier("poseSegmentPartitioner") Partitioner poseSegmentPartitioner,
                    @Qualifier(StepNames.POSE_WORKER) Step poseWorker,
                    @Qualifier(StepNames.POSE_SUMMARY_WORKER) Step poseSummaryWorker,
                    @Qualifier(StepNames.OVERLAY_WORKER) Step overlayWorker,
                    @Qualifier("speechPartitioner") Partitioner speechPartitioner,
                    @Qualifier(StepNames.SPEECH_WORKER) Step speechWorker,
                    @Qualifier(StepNames.SPEECH_SUMMARY) Step speechSummary,
                    @Qualifier(StepNames.COMPARE_WORKER) Step compareWorker,
                    @Qualifier("reportPartitioner") Partitioner reportPartitioner,
                    @Qualifier(StepNames.REPORT_WORKER) Step reportWorker,
                    @Qualifier(StepNames.TEAM_REPORT) Step teamReport,
                    VideoRepository videos, ProgressPublisher progress,
                    ObjectProvider<JdbcClient> jdbc, PlatformTransactionManager transactions,
                    JobRecovery recovery) {
        Step decode = partitioning.managerStep(StepNames.DECODE, videoPartitioner, decodeWorker);
        Flow pose = ready(new FlowBuilder<SimpleFlow>("poseFlow")
                .start(partitioning.managerStep(StepNames.POSE, poseSegmentPartitioner, poseWorker))
                .build());
        Step poseSummary = partitioning.managerStep(StepNames.POSE_SUMMARY, videoPartitioner, poseSummaryWorker);
        // the overlay video needs only the pose step's landmarks and nothing reads it, and speech needs only the
        // decoded audio: each runs beside the stages that do not need it, so no stage leaves a core idle
        Flow overlay = ready(new FlowBuilder<SimpleFlow>("overlayFlow")
                .start(partitioning.managerStep(StepNames.OVERLAY, videoPartitioner, overlayWorker))
                .build());
        Flow speech = ready(new FlowBuilder<SimpleFlow>("speechFlow")
                .start(partitioning.managerStep(StepNames.SPEECH, speechPartitioner, speechWorker))
                .next(speechSummary)
                .build());
        Flow reports = ready(new FlowBuilder<SimpleFlow>("reportFlow")
                .start(poseSummary)
                .next(partitioning.managerStep(StepNames.COMPARE, videoPartitioner, compareWorker))
                .next(partitioning.managerStep(StepNames.REPORT, reportPartitioner, reportWorker))
                .next(teamReport)
                .build());
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new UploadJobListener(videos, progress, new WebhookEvents(jdbc::getObject),
                        new TransactionTemplate(transactions), recovery))
                .flow(decode)
                .next(sideBySide("poseAndSpeech", pose, speech))
                .next(sideBySide("reportsAndOverlay", reports, overlay))
                .end()
                .build();
    }

    /**
     * Flows run at once; the split waits for all of them. Their threads only wait for partitions, which run on the
     * partitioning's own pool (or remote workers), so they hold no core.
     */
    private static Flow sideBySide(String name, Flow... flows) {
        return ready(new FlowBuilder<SimpleFlow>(name).split(new SimpleAsyncTaskExecutor(name + "-")).add(flows).build());
    }

    /** A flow that knows its states before it first runs, so that the job can name its steps (FlowJob.getStepNames). */
    private static SimpleFlow ready(SimpleFlow flow) {
        try {
            flow.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("The analysis job's flow " + flow.getName() + " is not complete", e);
        }
        return flow;
    }

    @Bean
    @StepScope
    VideoPartitioner videoPartitioner(VideoRepository videos, @Value("#{jobParameters['uploadId']}") String uploadId) {
        return new VideoPartitioner(videos, UUID.fromString(uploadId));
    }

    /** A remote worker publishes to the broker instead (WorkerConfiguration). */
    @Bean
    @ConditionalOnProperty(name = "skillmirror.worker.enabled", havingValue = "false", matchIfMissing = true)
    ProgressPublisher localProgressPublisher(ApplicationEventPublisher events, ProgressEta progressEta) {
        return new LocalProgressPublisher(events, progressEta);
    }

    /** The estimates of every event that becomes an application event here (own stages' and remote workers'). */
    @Bean
    ProgressEta progressEta(VideoRepository videos, PartitionSettings settings) {
        return new ProgressEta(uploadId -> videos.lengths(uploadId).stream()
                .map(l -> ProgressEta.Length.of(l.videoId(), l.durationMs(), l.sizeBytes())).toList(),
                settings.effectiveThreads());
    }

    /**
     * In-process partitions on their own thread pool, kept out of the context's executors (a TaskExecutor bean would
     * replace Boot's applicationTaskExecutor); LocalPartitioning stops it when the application closes.
     */
    @Bean
    @ConditionalOnProperty(name = "skillmirror.distributed", havingValue = "false", matchIfMissing = true)
    StagePartitioning localPartitioning(JobRepository jobRepository, PartitionSettings settings) {
        int threads = settings.effectiveThreads();
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setThreadNamePrefix("partition-");
        executor.initialize();
        return new LocalPartitioning(jobRepository, executor, threads);
    }
}
