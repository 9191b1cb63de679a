package com.skillmirror.report.step;

import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepProgress;
import com.skillmirror.report.VideoReports;
import com.skillmirror.upload.VideoRepository;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Renders one video's report as HTML and PDF, with what changed since the athlete's previous analysis and the
 * coach's notes: the report engine ({@link VideoReports}, which the portal also calls when a note changes) does the
 * work; this step only records a failure so it never fails the job.
 */
class ReportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReportTasklet.class);

    private final VideoReports reports;
    private final StageResults results;
    private final VideoRepository videos;
    private final ProgressPublisher progress;
    private final UUID videoId;

    ReportTasklet(VideoReports reports, StageResults results, VideoRepository videos, ProgressPublisher progress,
                  UUID videoId) {
        this.reports = reports;
        this.results = results;
        this.videos = videos;
        this.progress = progress;
        this.videoId = videoId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        try {
            UUID uploadId = videos.find(videoId).map(v -> v.uploadId()).orElse(null);
            reports.render(videoId, uploadId == null ? null
                    : new StepProgress(progress, uploadId, videoId, Stage.REPORT));
        } catch (Exception e) {
            log.warn("Report of video {} not rendered", videoId, e);
            results.failed(videoId, Stage.REPORT, "The report could not be rendered (" + e.getMessage()
                    + "); the results are in report.json. Restart the job to try again.");
        }
        return RepeatStatus.FINISHED;
    }
}
