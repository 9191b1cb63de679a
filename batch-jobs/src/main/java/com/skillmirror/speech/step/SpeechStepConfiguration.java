package com.skillmirror.speech.step;

import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepProgress;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StepNames;
import com.skillmirror.analysis.VideoPartitioner;
import com.skillmirror.speech.TranscriptionOptions;
import com.skillmirror.speech.TranscriptionProvider;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.VideoRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** The speech worker step (audio windows → transcription → window objects), its partitioner and the summary step. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SpeechSettings.class)
public class SpeechStepConfiguration {

    @Bean
    TranscriptionProvider transcriptionProvider(SpeechSettings settings) {
        return settings.createProvider();
    }

    @Bean(StepNames.SPEECH_WORKER)
    Step speechWorker(JobRepository jobRepository, PlatformTransactionManager tx, AudioWindowReader audioWindowReader,
                      WindowTranscriber windowTranscriber, WindowTranscriptWriter windowTranscriptWriter) {
        return new StepBuilder(StepNames.SPEECH_WORKER, jobRepository)
                .<AudioWindow, WindowTranscript>chunk(1)
                .transactionManager(tx)
                .reader(audioWindowReader)
                .processor(windowTranscriber)
                .writer(windowTranscriptWriter)
                .build();
    }

    /** One partition per video whose audio track was decoded. */
    @Bean
    @StepScope
    Partitioner speechPartitioner(VideoRepository videos, StageResults results,
                                  @Value("#{jobParameters['uploadId']}") String uploadId) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (var video : videos.findDecodedByUpload(UUID.fromString(uploadId))) {
                if (results.key(video.id(), Artifact.AUDIO).isPresent()) {
                    ExecutionContext context = new ExecutionContext();
                    context.putString(VideoPartitioner.VIDEO_ID, video.id().toString());
                    context.putString(VideoPartitioner.UPLOAD_ID, uploadId);
                    partitions.put("video-" + video.position() + "-" + video.id(), context);
                }
            }
            return partitions;
        };
    }

    @Bean
    @StepScope
    AudioWindowReader audioWindowReader(ObjectStorage storage, StageResults results, SpeechSettings settings,
                                        ProgressPublisher progress,
                                        @Value("#{stepExecutionContext['uploadId']}") String uploadId,
                                        @Value("#{stepExecutionContext['videoId']}") String videoId) {
        String key = results.key(UUID.fromString(videoId), Artifact.AUDIO).orElseThrow(() ->
                new IllegalStateException("Video " + videoId + " has no decoded audio; run decode first"));
        return new AudioWindowReader(storage, key, settings.windowSeconds(),
                new StepProgress(progress, UUID.fromString(uploadId), UUID.fromString(videoId), Stage.SPEECH));
    }

    @Bean
    @StepScope
    WindowTranscriber windowTranscriber(TranscriptionProvider transcriptionProvider, SpeechSettings settings) {
        return new WindowTranscriber(transcriptionProvider, options(settings));
    }

    @Bean
    @StepScope
    WindowTranscriptWriter windowTranscriptWriter(ObjectStorage storage, JsonMapper json,
                                                  @Value("#{stepExecutionContext['uploadId']}") String uploadId,
                                                  @Value("#{stepExecutionContext['videoId']}") String videoId) {
        return new WindowTranscriptWriter(storage, json, UUID.fromString(uploadId), UUID.fromString(videoId));
    }

    @Bean(StepNames.SPEECH_SUMMARY)
    Step speechSummary(JobRepository jobRepository, PlatformTransactionManager tx, SpeechSummaryTasklet speechSummaryTasklet) {
        return new StepBuilder(StepNames.SPEECH_SUMMARY, jobRepository).tasklet(speechSummaryTasklet, tx).build();
    }

    @Bean
    @StepScope
    SpeechSummaryTasklet speechSummaryTasklet(VideoRepository videos, StageResults results, ObjectStorage storage,
                                              ProgressPublisher progress, JsonMapper json,
                                              TranscriptionProvider transcriptionProvider, SpeechSettings settings,
                                              @Value("#{jobParameters['uploadId']}") String uploadId) {
        return new SpeechSummaryTasklet(videos, results, storage, progress, json, transcriptionProvider,
                options(settings), UUID.fromString(uploadId));
    }

    private static TranscriptionOptions options(SpeechSettings settings) {
        return new TranscriptionOptions(settings.language(), TranscriptionOptions.defaults().prompt());
    }
}
