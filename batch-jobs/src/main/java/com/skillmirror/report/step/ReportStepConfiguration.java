package com.skillmirror.report.step;

import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepNames;
import com.skillmirror.analysis.VideoPartitioner;
import com.skillmirror.report.ReportRenderer;
import com.skillmirror.report.VideoReports;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.VideoRepository;
import java.util.UUID;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The report worker step and its partitioner: every video of the upload, the failed ones too. */
@Configuration(proxyBeanMethods = false)
public class ReportStepConfiguration {

    @Bean
    ReportRenderer reportRenderer() {
        return new ReportRenderer();
    }

    @Bean(StepNames.REPORT_WORKER)
    Step reportWorker(JobRepository jobRepository, PlatformTransactionManager tx, ReportTasklet reportTasklet) {
        return new StepBuilder(StepNames.REPORT_WORKER, jobRepository).tasklet(reportTasklet, tx).build();
    }

    @Bean
    @StepScope
    VideoPartitioner reportPartitioner(VideoRepository videos, @Value("#{jobParameters['uploadId']}") String uploadId) {
        return new VideoPartitioner(videos, UUID.fromString(uploadId), true);
    }

    @Bean(StepNames.TEAM_REPORT)
    Step teamReport(JobRepository jobRepository, PlatformTransactionManager tx, TeamReportTasklet teamReportTasklet) {
        return new StepBuilder(StepNames.TEAM_REPORT, jobRepository).tasklet(teamReportTasklet, tx).build();
    }

    @Bean
    @StepScope
    TeamReportTasklet teamReportTasklet(VideoRepository videos, StageResults results, ObjectStorage storage,
                                        ReportRenderer reportRenderer, ProgressPublisher progress,
                                        @Value("#{jobParameters['uploadId']}") String uploadId) {
        return new TeamReportTasklet(videos, results, storage, reportRenderer, progress, UUID.fromString(uploadId));
    }

    @Bean
    @StepScope
    ReportTasklet reportTasklet(VideoReports videoReports, StageResults results, VideoRepository videos,
                                ProgressPublisher progress,
                                @Value("#{stepExecutionContext['videoId']}") String videoId) {
        return new ReportTasklet(videoReports, results, videos, progress, UUID.fromString(videoId));
    }
}
