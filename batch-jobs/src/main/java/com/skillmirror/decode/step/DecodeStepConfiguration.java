package com.skillmirror.decode.step;

import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepNames;
import com.skillmirror.decode.DecodeSettings;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.VideoRepository;
import java.util.UUID;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The decode stage's per-video worker step, the same bean in-process and in a remote worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DecodeSettings.class)
public class DecodeStepConfiguration {

    @Bean(StepNames.DECODE_WORKER)
    Step decodeWorker(JobRepository jobRepository, PlatformTransactionManager tx, DecodeTasklet decodeTasklet) {
        return new StepBuilder(StepNames.DECODE_WORKER, jobRepository)
                .tasklet(decodeTasklet, tx)
                .build();
    }

    @Bean
    @StepScope
    DecodeTasklet decodeTasklet(VideoRepository videos, StageResults results, ObjectStorage storage,
                                ProgressPublisher progress, DecodeSettings settings,
                                @Value("#{stepExecutionContext['videoId']}") String videoId) {
        return new DecodeTasklet(videos, results, storage, progress, settings, UUID.fromString(videoId));
    }
}
