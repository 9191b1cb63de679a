package com.skillmirror.portal.report;

import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.UploadArtifact;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stored reports and exports themselves: /videos/... and /uploads/... for the pages (session), the same under
 * /api/... for JSON clients (bearer token), with JSON listings of what exists. Access is the video's or upload's.
 */
@RestController
@Tag(name = "reports", description = "Per-video reports (HTML, PDF), exports (CSV, JSON, TRC, overlay MP4) and team reports")
class ReportController {

    /**
     * The stored report is a standalone document: inline styles, inline SVG charts and data: key frames. It needs no
     * script, fetches nothing, submits nothing, and is shown only inside the portal's own frame. The sandbox
     * directive gives it a unique origin, so even an injected script could neither run nor reach the portal.
     */
    private static final String REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'self'; sandbox";

    private final ReportFiles files;
    private final ObjectStorage storage;
    private final AccessPolicy access;

    ReportController(ReportFiles files, ObjectStorage storage, AccessPolicy access) {
        this.files = files;
        this.storage = storage;
        this.access = access;
    }

    @GetMapping({"/videos/{videoId}/report.html", "/api/videos/{videoId}/report.html"})
    @Operation(summary = "A video's report as a standalone HTML page")
    ResponseEntity<byte[]> reportHtml(@PathVariable UUID videoId, Actor actor) throws IOException {
        access.requireVideo(actor, videoId);
        String key = files.reportHtml(videoId).orElseThrow(() -> new NotFoundException("Video " + videoId
                + " has no report yet: its analysis has not reached the report stage. Follow its upload's progress."));
        return html(key);
    }

    @GetMapping({"/videos/{videoId}/files/{kind}", "/api/videos/{videoId}/files/{kind}"})
    @Operation(summary = "Download one export of a video: report-pdf, pose-csv, pose-json, pose-trc, overlay, keyframe-min, keyframe-max, speech")
    void download(@PathVariable UUID videoId, @PathVariable String kind, Actor actor, HttpServletRequest request,
                  HttpServletResponse response) throws IOException {
        access.requireVideo(actor, videoId);
        ReportFiles.Download d = files.export(videoId, kind).orElseThrow(() -> new NotFoundException("Video " + videoId
                + " has no '" + kind + "' file. GET /api/videos/" + videoId + "/reports lists the files it has."));
        new StoredFileResponse(storage, d.storageKey(), d.fileName(), d.contentType()).send(request, response);
    }

    @GetMapping("/api/videos/{videoId}/reports")
    @Operation(summary = "What a video's analysis produced: its HTML report and the files to download, with their URLs")
    Map<String, Object> videoReports(@PathVariable UUID videoId, Actor actor) {
        access.requireVideo(actor, videoId);
        String base = "/api/videos/" + videoId;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("videoId", videoId);
        out.put("reportHtml", files.hasReport(videoId) ? base + "/report.html" : null);
        List<Map<String, Object>> downloads = files.exports(videoId).stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", d.kind());
            m.put("label", d.label());
            m.put("fileName", d.fileName());
            m.put("contentType", d.contentType());
            m.put("sizeBytes", d.sizeBytes());
            m.put("url", base + "/files/" + d.kind());
            return m;
        }).toList();
        out.put("downloads", downloads);
        return out;
    }

    @GetMapping({"/uploads/{uploadId}/team-report.html", "/api/uploads/{uploadId}/team-report.html"})
    @Operation(summary = "The team report of an upload as a standalone HTML page")
    ResponseEntity<byte[]> teamReportHtml(@PathVariable UUID uploadId, Actor actor) throws IOException {
        access.requireUpload(actor, uploadId);
        return html(files.teamReportHtml(uploadId).orElseThrow(() -> noTeamReport(uploadId)));
    }

    @GetMapping({"/uploads/{uploadId}/team-report.pdf", "/api/uploads/{uploadId}/team-report.pdf"})
    @Operation(summary = "The team report of an upload as a PDF, for analyses that write one")
    void teamReportPdf(@PathVariable UUID uploadId, Actor actor, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        access.requireUpload(actor, uploadId);
        String key = files.teamReportPdf(uploadId).orElseThrow(() -> new NotFoundException("Upload " + uploadId
                + " has no team report PDF: its analysis has not finished, or ran before team PDFs were written."));
        UploadArtifact pdf = UploadArtifact.TEAM_REPORT_PDF;
        new StoredFileResponse(storage, key, pdf.fileName(), pdf.contentType()).send(request, response);
    }

    @GetMapping("/api/uploads/{uploadId}/team-report")
    @Operation(summary = "Where an upload's team report is (HTML and PDF URLs, null while not written)")
    Map<String, Object> teamReport(@PathVariable UUID uploadId, Actor actor) {
        access.requireUpload(actor, uploadId);
        String base = "/api/uploads/" + uploadId;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uploadId", uploadId);
        out.put("html", files.teamReportHtml(uploadId).isPresent() ? base + "/team-report.html" : null);
        out.put("pdf", files.teamReportPdf(uploadId).isPresent() ? base + "/team-report.pdf" : null);
        return out;
    }

    private static NotFoundException noTeamReport(UUID uploadId) {
        return new NotFoundException("Upload " + uploadId + " has no team report yet: it is written when the whole"
                + " analysis ends. Follow the upload's progress.");
    }

    private ResponseEntity<byte[]> html(String key) throws IOException {
        try (InputStream in = storage.get(key)) {
            return standalonePage(in.readAllBytes());
        }
    }

    /** A report-like page of ours (no script, inline styles and SVG, data: images), framed only by the portal. */
    static ResponseEntity<byte[]> standalonePage(byte[] html) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", REPORT_CSP)
                .header("X-Frame-Options", "SAMEORIGIN")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(html);
    }
}
