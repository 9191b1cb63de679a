package com.skillmirror.pose.step;

import com.skillmirror.metrics.AnalysisMetrics;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepNames;
import com.skillmirror.analysis.VideoPartitioner;
import com.skillmirror.landmarks.PoseFrame;
import com.skillmirror.landmarks.PoseModel;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.util.UUID;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The pose worker step (reader → BlazePose → chunk writer), its segment partitioner and the summary step. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PoseSettings.class)
public class PoseStepConfiguration {

    @Bean(StepNames.POSE_WORKER)
    Step poseWorker(JobRepository jobRepository, PlatformTransactionManager tx, PoseSettings settings,
                    ProxyFrameReader proxyFrameReader, PoseFrameProcessor poseFrameProcessor,
                    PoseChunkWriter poseChunkWriter, ObjectProvider<AnalysisMetrics> meters) {
        // none in contexts that only wire the steps (StepNamesTest)
        AnalysisMetrics metrics = meters.getIfAvailable(AnalysisMetrics::none);
        return new StepBuilder(StepNames.POSE_WORKER, jobRepository)
                .<PoseFrame, PoseFrame>chunk(settings.chunkFrames())
                .transactionManager(tx)
                .reader(new PosedFrameReader(proxyFrameReader, poseFrameProcessor, metrics))
                .writer(poseChunkWriter)
                .stream(proxyFrameReader)
                .stream(poseFrameProcessor)
                .build();
    }

    @Bean
    @StepScope
    PoseSegmentPartitioner poseSegmentPartitioner(VideoRepository videos, PoseSettings settings,
                                                  @Value("#{jobParameters['uploadId']}") String uploadId) {
        return new PoseSegmentPartitioner(videos, UUID.fromString(uploadId), settings.segmentFrames());
    }

    @Bean
    @StepScope
    ProxyFrameReader proxyFrameReader(ObjectStorage storage, StageResults results, VideoRepository videos,
                                      PoseSettings settings,
                                      @Value("#{stepExecution}") StepExecution stepExecution) {
        PoseSegment poseSegment = PoseSegment.of(stepExecution);
        String proxyKey = results.key(poseSegment.videoId(), Artifact.PROXY).orElseThrow(() ->
                new IllegalStateException("Video " + poseSegment.videoId() + " has no analysis proxy; run decode first"));
        double proxyFps = videos.proxyFps(poseSegment.videoId());
        int stride = (int) Math.ceil(proxyFps / settings.maxFps() - 1e-6);
        return new ProxyFrameReader(storage, proxyKey, poseSegment, stride);
    }

    @Bean
    @StepScope
    PoseFrameProcessor poseFrameProcessor(PoseSettings settings, VideoRepository videos, SkillRegistry skills,
                                          ProgressPublisher progress,
                                          @Value("#{stepExecution}") StepExecution stepExecution) {
        PoseSegment poseSegment = PoseSegment.of(stepExecution);
        // the skill's model when the video has a skill that names one (a golf swing may want HEAVY), else configured
        PoseModel model = videos.find(poseSegment.videoId()).map(Video::skillId).flatMap(skills::find)
                .map(SkillDefinition::poseModel).filter(java.util.Objects::nonNull).orElse(settings.model());
        PoseOptions options = PoseOptions.defaults().withModel(model).withNumThreads(settings.threads())
                .withMaxPeople(settings.maxPeople());
        return new PoseFrameProcessor(options, poseSegment, videos.proxyFrames(poseSegment.videoId()), progress);
    }

    @Bean
    @StepScope
    PoseChunkWriter poseChunkWriter(ObjectStorage storage, ProxyFrameReader proxyFrameReader,
                                    PoseFrameProcessor poseFrameProcessor,
                                    @Value("#{stepExecution}") StepExecution stepExecution) {
        return new PoseChunkWriter(storage, PoseSegment.of(stepExecution), proxyFrameReader, poseFrameProcessor);
    }

    /** Per video (a partition, so the exports and key frames are rendered by the workers). */
    @Bean(StepNames.POSE_SUMMARY_WORKER)
    Step poseSummaryWorker(JobRepository jobRepository, PlatformTransactionManager tx,
                           PoseSummaryTasklet poseSummaryTasklet) {
        return new StepBuilder(StepNames.POSE_SUMMARY_WORKER, jobRepository).tasklet(poseSummaryTasklet, tx).build();
    }

    @Bean
    @StepScope
    PoseSummaryTasklet poseSummaryTasklet(VideoRepository videos, StageResults results, ObjectStorage storage,
                                          ProgressPublisher progress, PoseSettings settings, SkillRegistry skills,
                                          @Value("#{stepExecutionContext['" + VideoPartitioner.VIDEO_ID + "']}") String videoId) {
        return new PoseSummaryTasklet(videos, results, storage, progress,
                new PoseOutputs(storage, results), skills, UUID.fromString(videoId));
    }

    /** Per video, beside the pose summary, compare and report (AnalysisJobConfiguration). */
    @Bean(StepNames.OVERLAY_WORKER)
    Step overlayWorker(JobRepository jobRepository, PlatformTransactionManager tx,
                       OverlayVideoTasklet overlayVideoTasklet) {
        return new StepBuilder(StepNames.OVERLAY_WORKER, jobRepository).tasklet(overlayVideoTasklet, tx).build();
    }

    @Bean
    @StepScope
    OverlayVideoTasklet overlayVideoTasklet(VideoRepository videos, StageResults results, ObjectStorage storage,
                                            ProgressPublisher progress, PoseSettings settings,
                                            @Value("#{stepExecutionContext['" + VideoPartitioner.VIDEO_ID + "']}") String videoId) {
        return new OverlayVideoTasklet(videos, results, storage, progress, settings.overlayVideo(),
                UUID.fromString(videoId));
    }
}
