package com.skillmirror.report.step;

import com.skillmirror.analysis.ProgressEta;
import com.skillmirror.analysis.ProgressPublisher;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.StepProgress;
import com.skillmirror.report.ReportRenderer;
import com.skillmirror.report.TeamReport;
import com.skillmirror.report.VideoResults;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.storage.UploadArtifact;
import com.skillmirror.upload.VideoRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The upload's team report ({@link UploadArtifact#TEAM_REPORT_HTML}, and the same as
 * {@link UploadArtifact#TEAM_REPORT_PDF}): one page over all its videos, written by the manager.
 */
class TeamReportTasklet implements Tasklet {

    private static final String TEAM_REPORT = ProgressEta.TEAM_REPORT;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TeamReportTasklet.class);

    private final VideoRepository videos;
    private final StageResults results;
    private final ObjectStorage storage;
    private final ReportRenderer renderer;
    private final ProgressPublisher progress;
    private final UUID uploadId;

    TeamReportTasklet(VideoRepository videos, StageResults results, ObjectStorage storage, ReportRenderer renderer,
                      ProgressPublisher progress, UUID uploadId) {
        this.videos = videos;
        this.results = results;
        this.storage = storage;
        this.renderer = renderer;
        this.progress = progress;
        this.uploadId = uploadId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        // upload-level progress: no video, the report stage, sub-step team-report
        StepProgress steps = new StepProgress(progress, uploadId, null, Stage.REPORT);
        try {
            steps.start(TEAM_REPORT, "writing the team report");
            TeamReport team = TeamReport.of(videos.findByUpload(uploadId).stream()
                    .map(video -> VideoResults.read(video, results)).toList());
            String title = "Team report: upload " + uploadId;
            put(UploadArtifact.TEAM_REPORT_HTML, renderer.teamHtml(team, title).getBytes(StandardCharsets.UTF_8));
            steps.report(TEAM_REPORT, 0.5, "team report HTML written");
            put(UploadArtifact.TEAM_REPORT_PDF, renderer.teamPdf(team, title));
            steps.done(TEAM_REPORT, "team report written");
        } catch (RuntimeException e) {
            // the per-video reports stand on their own; a missing team page must not fail the analysis
            log.warn("Team report of upload {} not rendered", uploadId, e);
        }
        return RepeatStatus.FINISHED;
    }

    private void put(UploadArtifact file, byte[] bytes) throws IOException {
        storage.put(StorageKeys.uploadArtifact(uploadId, file), bytes, file.contentType());
    }
}
