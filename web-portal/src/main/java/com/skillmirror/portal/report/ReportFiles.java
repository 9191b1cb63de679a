package com.skillmirror.portal.report;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.storage.UploadArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored reports and exports of videos and uploads, as the portal offers them. Only the catalogue's exports are
 * served as downloads: the analysis proxy, audio and landmark series are working files (the athlete's export has
 * them), and the report HTML is only served through the page with its own Content-Security-Policy. Callers check
 * access to the video or upload first.
 */
@Component
public class ReportFiles {

    /** A stored file the user may download. */
    public record Download(String kind, String label, String fileName, String contentType, long sizeBytes,
                           String storageKey) {
    }

    private final JdbcClient jdbc;
    private final ObjectStorage storage;
    private final StageResults stages;

    ReportFiles(JdbcClient jdbc, ObjectStorage storage, StageResults stages) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.stages = stages;
    }

    /** The video's downloads, in the listed order. */
    public List<Download> exports(UUID videoId) {
        // an EnumMap lists them in the catalogue's order, the order of the pages
        Map<Artifact, Download> found = new EnumMap<>(Artifact.class);
        RowCallbackHandler collect = rs -> {
            String contentType = rs.getString("content_type");
            long size = rs.getLong("size_bytes");
            String key = rs.getString("storage_key");
            Artifact.ofKind(rs.getString("kind")).filter(ReportFiles::downloadable).ifPresent(artifact ->
                    found.put(artifact, new Download(artifact.kind(), artifact.export().orElseThrow().label(),
                            artifact.export().orElseThrow().downloadName(), contentType, size, key)));
        };
        jdbc.sql("SELECT kind, storage_key, content_type, size_bytes FROM artifact WHERE video_id = ?").param(videoId)
                .query(collect);
        return List.copyOf(found.values());
    }

    /** The report HTML is an export too, but served only as its page, under its own Content-Security-Policy. */
    private static boolean downloadable(Artifact artifact) {
        return artifact.exported() && artifact != Artifact.REPORT_HTML;
    }

    public Optional<Download> export(UUID videoId, String kind) {
        return exports(videoId).stream().filter(d -> d.kind().equals(kind)).findFirst();
    }

    /** The storage key of the video's HTML report, when its report stage wrote one. */
    public Optional<String> reportHtml(UUID videoId) {
        return stages.key(videoId, Artifact.REPORT_HTML);
    }

    public boolean hasReport(UUID videoId) {
        return reportHtml(videoId).isPresent();
    }

    /** The upload's team report in HTML, once the analysis wrote it. */
    public Optional<String> teamReportHtml(UUID uploadId) {
        return existing(StorageKeys.uploadArtifact(uploadId, UploadArtifact.TEAM_REPORT_HTML));
    }

    /** The PDF beside it, for analyses that write one. */
    public Optional<String> teamReportPdf(UUID uploadId) {
        return existing(StorageKeys.uploadArtifact(uploadId, UploadArtifact.TEAM_REPORT_PDF));
    }

    private Optional<String> existing(String key) {
        try {
            return storage.exists(key) ? Optional.of(key) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not look up " + key + " in storage; check that storage is reachable", e);
        }
    }
}
