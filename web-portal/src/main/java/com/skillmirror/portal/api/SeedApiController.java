package com.skillmirror.portal.api;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.job.AnalysisLauncher;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.upload.PortalUploads;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The seed's REST paths, kept for its clients, as adapters onto the portal's endpoints (same access rules).
 * /users/ lives with the account administration.
 */
@RestController
@Tag(name = "seed", description = "The seed's API paths, adapters onto /api/**")
class SeedApiController {

    private final PortalUploads uploads;
    private final AccessPolicy access;
    private final VideoRepository videos;
    private final AnalysisResults results;
    private final AnalysisLauncher launcher;
    private final SkillRegistry skills;
    private final JdbcClient jdbc;

    SeedApiController(PortalUploads uploads, AccessPolicy access, VideoRepository videos, AnalysisResults results,
                      AnalysisLauncher launcher, SkillRegistry skills, JdbcClient jdbc) {
        this.uploads = uploads;
        this.access = access;
        this.videos = videos;
        this.results = results;
        this.launcher = launcher;
        this.skills = skills;
        this.jdbc = jdbc;
    }

    @GetMapping("/health")
    @Operation(summary = "Liveness and database reachability (no sign-in needed)")
    ResponseEntity<Map<String, Object>> health() {
        try {
            jdbc.sql("SELECT 1").query(Integer.class).single();
            return ResponseEntity.ok(Map.of("status", "ok", "database", "up"));
        } catch (RuntimeException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "degraded", "database", "down"));
        }
    }

    @GetMapping({"/skills", "/skills/"})
    @Operation(summary = "Skills that videos can be tagged with")
    List<Map<String, Object>> skills() {
        return skills.all().stream().sorted(Comparator.comparing(SkillDefinition::id)).map(skill -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", skill.id());
            m.put("name", skill.name());
            m.put("version", skill.version());
            return m;
        }).toList();
    }

    @PostMapping(path = {"/upload-video", "/upload-video/"}, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload one video (file) or several (files); same as POST /api/uploads")
    ResponseEntity<Map<String, Object>> uploadVideo(@RequestParam(name = "file", required = false) MultipartFile file,
                                                    @RequestParam(name = "files", required = false) List<MultipartFile> files,
                                                    @RequestParam(name = "teamId", required = false) UUID teamId,
                                                    @RequestParam(name = "athlete", required = false) List<String> athletes,
                                                    @RequestParam(name = "skill", required = false) List<String> skills,
                                                    Actor actor, jakarta.servlet.http.HttpServletRequest request) {
        List<MultipartFile> all = new ArrayList<>();
        if (file != null) {
            all.add(file);
        }
        if (files != null) {
            all.addAll(files);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(uploads.upload(actor, teamId, all, athletes, skills, PortalUploads.athletePoints(request), true,
                        "/api/uploads"));
    }

    /**
     * Uploads start their analysis on arrival; this starts it for one that has not started and restarts a failed
     * one from where it stopped (completed partitions are kept). Otherwise it reports the current state.
     */
    @PostMapping({"/analyze-video/{videoId}", "/analyze-video/{videoId}/"})
    @Operation(summary = "Start (or restart after a failure) the analysis of the video's upload")
    ResponseEntity<Map<String, Object>> analyze(@PathVariable UUID videoId, Actor actor) throws Exception {
        access.requireVideo(actor, videoId);
        if (!actor.canManageTeams()) {
            throw new ForbiddenException("Only coaches and admins start analyses.");
        }
        Video video = videos.find(videoId).orElseThrow(() -> new NotFoundException("No video " + videoId));
        String status = videos.uploadStatus(video.uploadId()).orElse("UNKNOWN");
        Long jobExecution = videos.jobExecutionId(video.uploadId()).orElse(null);
        String action = "none";
        if ("RECEIVED".equals(status) && jobExecution == null) {
            launcher.runInBackground(video.uploadId());
            action = "started";
        } else if (("FAILED".equals(status) || "RUNNING".equals(status)) && jobExecution != null) {
            // in the background, riding out outages; a RUNNING upload is resumed only if its manager died
            if (launcher.resume(video.uploadId(), false) == AnalysisLauncher.Resumed.RESUMED) {
                action = "restarted";
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("videoId", videoId);
        body.put("uploadId", video.uploadId());
        body.put("uploadStatus", status);
        body.put("action", action);
        body.put("analysisUrl", "/analysis/" + videoId);
        body.put("liveUrl", "/api/uploads/" + video.uploadId() + "/live");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @GetMapping({"/analysis/{videoId}", "/analysis/{videoId}/"})
    @Operation(summary = "The analysis results of one video; same as GET /api/videos/{id}")
    Map<String, Object> analysis(@PathVariable UUID videoId, Actor actor) {
        access.requireVideo(actor, videoId);
        return results.video(videos.find(videoId).orElseThrow(() -> new NotFoundException("No video " + videoId)));
    }
}
