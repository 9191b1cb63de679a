package com.skillmirror.compare.step;

import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepNames;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.skill.SkillRegistry;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** The compare worker step; its partitions are the videos still in the running (the job's video partitioner). */
@Configuration(proxyBeanMethods = false)
public class CompareStepConfiguration {

    @Bean(StepNames.COMPARE_WORKER)
    Step compareWorker(JobRepository jobRepository, PlatformTransactionManager tx, CompareTasklet compareTasklet) {
        return new StepBuilder(StepNames.COMPARE_WORKER, jobRepository).tasklet(compareTasklet, tx).build();
    }

    @Bean
    @StepScope
    CompareTasklet compareTasklet(VideoRepository videos, StageResults results, ObjectStorage storage,
                                  SkillRegistry skills, ExpertPatterns patterns, ProgressPublisher progress,
                                  JdbcClient jdbc, JsonMapper json,
                                  @Value("#{stepExecutionContext['videoId']}") String videoId) {
        return new CompareTasklet(videos, results, storage, skills, patterns, progress, jdbc, json, UUID.fromString(videoId));
    }
}
