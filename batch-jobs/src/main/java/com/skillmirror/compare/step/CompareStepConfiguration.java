package com.skillmirror.compare.step;

import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepNames;
import com.skillmirror.compare.ComparisonRepository;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.skill.SkillRegistry;
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

/** The compare worker step; its partitions are the videos still in the running (the job's video partitioner). */
@Configuration(proxyBeanMethods = false)
public class CompareStepConfiguration {

    @Bean(StepNames.COMPARE_WORKER)
    Step compareWorker(JobRepository jobRepository, PlatformTransactionManager tx, CompareTasklet compareTasklet) {
        return new StepBuilder(StepNames.COMPARE_WORKER, jobRepository).tasklet(compareTasklet, tx).build();
    }

    @Bean
    @StepScope
    CompareTasklet compareTasklet(VideoRepository videos, StageResults results, ComparisonRepository comparisons,
                                  SkillRegistry skills, ExpertPatterns patterns, ProgressPublisher progress,
                                  @Value("#{stepExecutionContext['videoId']}") String videoId) {
        return new CompareTasklet(videos, results, comparisons, skills, patterns, progress, UUID.fromString(videoId));
    }
}
