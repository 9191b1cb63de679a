package com.skillmirror.portal.live;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.portal.report.ReportFiles;
import com.skillmirror.storage.Artifact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first message of every live connection: the upload's status now, compact (no storage keys, no stage
 * summaries), with whether each video's report and the team report exist yet.
 */
@Component
class UploadSnapshots {

    private final AnalysisResults results;
    private final ReportFiles reports;
    private final JsonMapper json;

    UploadSnapshots(AnalysisResults results, ReportFiles reports, JsonMapper json) {
        this.results = results;
        this.reports = reports;
        this.json = json;
    }

    /** The upload's status as the status page shows it: per video its status, last stage, error and report. */
    @SuppressWarnings("unchecked")
    String of(UUID uploadId) {
        Map<String, Object> upload = results.upload(uploadId);
        List<Map<String, Object>> videos = ((List<Map<String, Object>>) upload.get("videos")).stream().map(v -> {
            Map<String, Object> out = new LinkedHashMap<>();
            UUID videoId = (UUID) v.get("videoId");
            out.put("videoId", videoId);
            out.put("status", String.valueOf(v.get("status")));
            Map<String, Object> stages = (Map<String, Object>) v.get("stages");
            out.put("stage", stages == null || stages.isEmpty() ? null : List.copyOf(stages.keySet()).get(stages.size() - 1));
            out.put("error", v.get("error"));
            out.put("report", ((Map<String, Object>) v.get("artifacts")).containsKey(Artifact.REPORT_HTML.kind()));
            return out;
        }).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "snapshot");
        m.put("uploadId", uploadId);
        m.put("status", upload.get("status"));
        m.put("videos", videos);
        m.put("teamReport", reports.teamReportHtml(uploadId).isPresent());
        m.put("teamReportPdf", reports.teamReportPdf(uploadId).isPresent());
        m.put("timestampMs", System.currentTimeMillis());
        return json.writeValueAsString(m);
    }
}
