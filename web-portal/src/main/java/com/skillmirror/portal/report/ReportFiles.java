package com.skillmirror.portal.report;

import com.skillmirror.report.step.ReportStepConfiguration;
import com.skillmirror.storage.ObjectStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored reports and exports of videos and uploads, as the portal offers them. Only the artifact kinds listed
 * here are served: the analysis proxy, audio and landmark series are working files (the athlete's export has them),
 * and the report HTML is only served through the page with its own Content-Security-Policy. Callers check access
 * to the video or upload first.
 */
@Component
public class ReportFiles {

    static final String REPORT_HTML = "report-html";
    static final String REPORT_PDF = "report-pdf";

    /** Download kinds: label and the file name offered, in the order listed on the pages. */
    private static final Map<String, String[]> EXPORTS = new LinkedHashMap<>();

    static {
        EXPORTS.put(REPORT_PDF, new String[] {"Report (PDF)", "report.pdf"});
        EXPORTS.put("pose-csv", new String[] {"Landmarks and angles per frame (CSV)", "landmarks.csv"});
        EXPORTS.put("pose-json", new String[] {"Landmarks and angles per frame (JSON)", "landmarks.json"});
        EXPORTS.put("pose-trc", new String[] {"Marker trajectories for OpenSim (TRC)", "athlete.trc"});
        EXPORTS.put("overlay", new String[] {"Video with the skeleton drawn over it (MP4)", "overlay.mp4"});
        EXPORTS.put("keyframe-min", new String[] {"Key frame: smallest angle (JPEG)", "keyframe-min.jpg"});
        EXPORTS.put("keyframe-max", new String[] {"Key frame: largest angle (JPEG)", "keyframe-max.jpg"});
        EXPORTS.put("speech", new String[] {"Speech analysis (JSON)", "speech.json"});
    }

    /** A stored file the user may download. */
    public record Download(String kind, String label, String fileName, String contentType, long sizeBytes,
                           String storageKey) {
    }

    private final JdbcClient jdbc;
    private final ObjectStorage storage;

    ReportFiles(JdbcClient jdbc, ObjectStorage storage) {
        this.jdbc = jdbc;
        this.storage = storage;
    }

    /** The video's downloads, in the listed order. */
    public List<Download> exports(UUID videoId) {
        Map<String, Download> found = new LinkedHashMap<>();
        jdbc.sql("SELECT kind, storage_key, content_type, size_bytes FROM artifact WHERE video_id = ?").param(videoId)
                .query((rs, i) -> {
                    String[] meta = EXPORTS.get(rs.getString("kind"));
                    return meta == null ? null : new Download(rs.getString("kind"), meta[0], meta[1],
                            rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("storage_key"));
                }).list().stream().filter(d -> d != null).forEach(d -> found.put(d.kind(), d));
        return EXPORTS.keySet().stream().filter(found::containsKey).map(found::get).toList();
    }

    public Optional<Download> export(UUID videoId, String kind) {
        return exports(videoId).stream().filter(d -> d.kind().equals(kind)).findFirst();
    }

    /** The storage key of the video's HTML report, when its report stage wrote one. */
    public Optional<String> reportHtml(UUID videoId) {
        return jdbc.sql("SELECT storage_key FROM artifact WHERE video_id = ? AND kind = ?").params(videoId, REPORT_HTML)
                .query(String.class).optional();
    }

    public boolean hasReport(UUID videoId) {
        return reportHtml(videoId).isPresent();
    }

    /** The upload's team report in HTML, once the analysis wrote it. */
    public Optional<String> teamReportHtml(UUID uploadId) {
        return existing(ReportStepConfiguration.teamReportKey(uploadId));
    }

    /** The PDF beside it (uploads/<id>/team-report.pdf), for analyses that write one. */
    public Optional<String> teamReportPdf(UUID uploadId) {
        return existing(ReportStepConfiguration.teamReportPdfKey(uploadId));
    }

    private Optional<String> existing(String key) {
        try {
            return storage.exists(key) ? Optional.of(key) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not look up " + key + " in storage; check that storage is reachable", e);
        }
    }
}
