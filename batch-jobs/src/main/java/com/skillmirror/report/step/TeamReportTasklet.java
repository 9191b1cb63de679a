package com.skillmirror.report.step;

import com.skillmirror.analysis.StageResults;
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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TeamReportTasklet.class);

    private final VideoRepository videos;
    private final StageResults results;
    private final ObjectStorage storage;
    private final ReportRenderer renderer;
    private final UUID uploadId;

    TeamReportTasklet(VideoRepository videos, StageResults results, ObjectStorage storage, ReportRenderer renderer,
                      UUID uploadId) {
        this.videos = videos;
        this.results = results;
        this.storage = storage;
        this.renderer = renderer;
        this.uploadId = uploadId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        try {
            TeamReport team = TeamReport.of(videos.findByUpload(uploadId).stream()
                    .map(video -> VideoResults.read(video, results)).toList());
            String title = "Team report: upload " + uploadId;
            put(UploadArtifact.TEAM_REPORT_HTML, renderer.teamHtml(team, title).getBytes(StandardCharsets.UTF_8));
            put(UploadArtifact.TEAM_REPORT_PDF, renderer.teamPdf(team, title));
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
