package com.skillmirror.portal.live;

import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.portal.report.ReportFiles;
import com.skillmirror.storage.Artifact;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first message of every live connection: the upload's status now, compact (no storage keys, no stage
 * results), with whether each video's report and the team report exist yet.
 */
@Component
class UploadSnapshots {

    private final VideoRepository videos;
    private final StageResults stages;
    private final ReportFiles reports;
    private final JsonMapper json;

    UploadSnapshots(VideoRepository videos, StageResults stages, ReportFiles reports, JsonMapper json) {
        this.videos = videos;
        this.stages = stages;
        this.reports = reports;
        this.json = json;
    }

    /** The upload's status as the status page shows it: per video its status, last stage, error and report. */
    String of(UUID uploadId) {
        List<Map<String, Object>> list = videos.findByUpload(uploadId).stream().map(this::video).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "snapshot");
        m.put("uploadId", uploadId);
        m.put("status", videos.uploadStatus(uploadId).orElse("UNKNOWN"));
        m.put("videos", list);
        m.put("teamReport", reports.teamReportHtml(uploadId).isPresent());
        m.put("teamReportPdf", reports.teamReportPdf(uploadId).isPresent());
        m.put("timestampMs", System.currentTimeMillis());
        return json.writeValueAsString(m);
    }

    private Map<String, Object> video(Video video) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("videoId", video.id());
        out.put("status", String.valueOf(video.status()));
        Set<Stage> recorded = stages.outcomes(video.id()).keySet();
        out.put("stage", recorded.isEmpty() ? null : List.copyOf(recorded).get(recorded.size() - 1).stepName());
        out.put("error", video.errorMessage() == null ? null
                : Map.of("stage", String.valueOf(video.failedStage()), "message", video.errorMessage()));
        out.put("report", stages.key(video.id(), Artifact.REPORT_HTML).isPresent());
        return out;
    }
}
