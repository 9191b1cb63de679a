package com.skillmirror.portal.athlete;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.upload.VideoRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** An athlete's data: view, export as zip, erase; and single videos (the report data). */
@RestController
@Tag(name = "athletes", description = "Athlete data, export and erasure; video results")
class AthleteController {

    private final AthleteData data;
    private final AccessPolicy access;
    private final VideoRepository videos;
    private final AnalysisResults results;

    AthleteController(AthleteData data, AccessPolicy access, VideoRepository videos, AnalysisResults results) {
        this.data = data;
        this.access = access;
        this.videos = videos;
        this.results = results;
    }

    @GetMapping({"/api/athletes/{athleteId}", "/web/athletes/{athleteId}"})
    @Operation(summary = "An athlete with their videos and results")
    Map<String, Object> get(@PathVariable UUID athleteId, Actor actor) {
        return data.describe(actor, athleteId);
    }

    @GetMapping(path = {"/api/athletes/{athleteId}/export", "/web/athletes/{athleteId}/export"}, produces = "application/zip")
    @Operation(summary = "Everything stored about the athlete as a zip (profile, results, video files)")
    ResponseEntity<StreamingResponseBody> export(@PathVariable UUID athleteId, Actor actor) {
        Athlete athlete = data.startExport(actor, athleteId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("athlete-" + athleteId + ".zip").build().toString())
                .body(out -> data.writeExport(athlete, out));
    }

    @DeleteMapping("/api/athletes/{athleteId}")
    @Operation(summary = "Erase the athlete: roster entry, videos, results, stored files, athlete account")
    Map<String, Object> delete(@PathVariable UUID athleteId, Actor actor) throws IOException {
        int deletedVideos = data.delete(actor, athleteId);
        return Map.of("deleted", athleteId, "videos", deletedVideos);
    }

    @GetMapping({"/api/videos/{videoId}", "/web/videos/{videoId}"})
    @Operation(summary = "One video's analysis results")
    Map<String, Object> video(@PathVariable UUID videoId, Actor actor) {
        access.requireVideo(actor, videoId);
        return results.video(videos.find(videoId).orElseThrow(() -> new NotFoundException("No video " + videoId)));
    }
}
