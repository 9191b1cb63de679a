package com.skillmirror.portal.upload;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.ForbiddenException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk upload and status. Files arrive as multipart parts that the container spools to disk (never held in memory)
 * and are streamed on to storage; athlete and skill tags are given per file (same order) or once for all.
 * /api/uploads takes bearer tokens; /web/uploads is the same for the portal pages (session cookie + CSRF token).
 */
@RestController
@RequestMapping({"/api/uploads", "/web/uploads"})
@Tag(name = "uploads", description = "Bulk video upload and status; live progress is a WebSocket at /api/uploads/{id}/live (bearer) or /web/uploads/{id}/live (session)")
class UploadController {

    private final PortalUploads uploads;
    private final AnalysisResults results;
    private final AccessPolicy access;
    private final AnalysisLauncher launcher;

    UploadController(PortalUploads uploads, AnalysisResults results, AccessPolicy access, AnalysisLauncher launcher) {
        this.uploads = uploads;
        this.results = results;
        this.access = access;
        this.launcher = launcher;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload videos (files[]), optionally into a team (teamId) with athlete, skill and athletePoint (X,Y on the thumbnail, 0..1: who the athlete is when several people are in view) per file or once; blank tags are read from file names unless tagsFromFileNames=false")
    ResponseEntity<Map<String, Object>> upload(@RequestParam("files") List<MultipartFile> files,
                                               @RequestParam(name = "teamId", required = false) UUID teamId,
                                               @RequestParam(name = "athlete", required = false) List<String> athletes,
                                               @RequestParam(name = "skill", required = false) List<String> skills,
                                               @RequestParam(name = "tagsFromFileNames", defaultValue = "true") boolean tagsFromFileNames,
                                               Actor actor, HttpServletRequest request) {
        String base = request.getRequestURI().startsWith(request.getContextPath() + "/web/") ? "/web/uploads" : "/api/uploads";
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(uploads.upload(actor, teamId, files, athletes, skills,
                PortalUploads.athletePoints(request), tagsFromFileNames, base));
    }

    @GetMapping("/tags")
    @Operation(summary = "The athlete (roster id) and skill an upload would read from each file name (file=...), for tags left blank")
    List<PortalUploads.FileTags> tags(@RequestParam(name = "file") List<String> files,
                                      @RequestParam(name = "teamId", required = false) UUID teamId, Actor actor) {
        if (files.size() > 500) {
            throw new IllegalArgumentException("Ask for at most 500 file names at once.");
        }
        return uploads.tagsFromFileNames(actor, teamId, files);
    }

    @GetMapping("/{uploadId}")
    @Operation(summary = "Status of an upload and of every video and stage")
    Map<String, Object> status(@PathVariable UUID uploadId, Actor actor) {
        access.requireUpload(actor, uploadId);
        return results.upload(uploadId);
    }

    /**
     * Continues the upload's analysis where it stopped (a service away longer than the automatic retries, a manager
     * that died mid-job), in the background; the status page's Resume button. Coaches and admins only.
     */
    @PostMapping("/{uploadId}/resume")
    @Operation(summary = "Resume the analysis of an upload that failed or whose manager stopped; finished work is kept")
    ResponseEntity<Map<String, Object>> resume(@PathVariable UUID uploadId, Actor actor) throws Exception {
        access.requireUpload(actor, uploadId);
        if (!actor.canManageTeams()) {
            throw new ForbiddenException("Only the upload's coach or an admin resumes its analysis.");
        }
        AnalysisLauncher.Resumed resumed = launcher.resume(uploadId, false);
        String message = switch (resumed) {
            case RESUMED -> "Resumed: the analysis continues where it stopped.";
            case RUNNING -> "The analysis is running; nothing to resume.";
            case COMPLETED -> "The analysis completed already.";
            case NOTHING -> "There is no analysis to resume.";
        };
        return ResponseEntity.status(resumed == AnalysisLauncher.Resumed.RESUMED ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(Map.of("uploadId", uploadId, "action", resumed.name().toLowerCase(java.util.Locale.ROOT),
                        "message", message));
    }
}
