package com.skillmirror.pose.step;

import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepProgress;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.overlay.OverlayRenderer;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.util.FileSystemUtils;

/**
 * The skeleton-overlay video of one video. In: the analysis proxy and the pose step's landmark chunks (every person
 * found is drawn, so it needs neither the joined tracks nor the athlete). Out: pose/overlay.mp4. A step of its own so
 * that it runs beside the pose summary, compare and report instead of before them: nothing else reads the overlay,
 * and it is the longest single-threaded piece of work per video. A video in which nobody was found has none.
 */
class OverlayVideoTasklet implements Tasklet {

    private final VideoRepository videos;
    private final StageResults results;
    private final ObjectStorage storage;
    private final ProgressPublisher progress;
    private final boolean enabled;
    private final UUID videoId;

    OverlayVideoTasklet(VideoRepository videos, StageResults results, ObjectStorage storage, ProgressPublisher progress,
                        boolean enabled, UUID videoId) {
        this.videos = videos;
        this.results = results;
        this.storage = storage;
        this.progress = progress;
        this.enabled = enabled;
        this.videoId = videoId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        Video video = videos.find(videoId).orElseThrow();
        StepProgress steps = new StepProgress(progress, video.uploadId(), video.id(), Stage.POSE);
        if (!enabled) {
            steps.done("overlay", "no overlay video (off)");
        } else {
            PoseSeries series = PoseChunks.join(storage, video);
            if (series.frames().stream().allMatch(f -> f.people().isEmpty())) {
                steps.done("overlay", "no overlay video: nobody was found");
            } else {
                render(video, series, steps);
            }
        }
        return RepeatStatus.FINISHED;
    }

    private void render(Video video, PoseSeries series, StepProgress steps) throws IOException {
        steps.start("overlay", "drawing the skeleton-overlay video");
        Path work = Files.createTempDirectory("skillmirror-overlay-");
        try {
            Path proxy = PoseOutputs.file(work, Artifact.PROXY);
            if (!results.download(video.id(), Artifact.PROXY, proxy)) {
                throw new IllegalStateException("Video " + video.id() + " has no analysis proxy; run decode first");
            }
            Path overlay = PoseOutputs.file(work, Artifact.OVERLAY);
            // frames written of the total; 100 % only once the file is complete and stored
            int frames = OverlayRenderer.video(proxy, series, overlay, p -> steps.report("overlay",
                    Math.min(p, 99) / 100.0, "overlay video: frames written " + p + " %"));
            results.store(video.uploadId(), video.id(), Artifact.OVERLAY, overlay);
            steps.done("overlay", "overlay video written (" + frames + " frames)");
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }
}
