package com.skillmirror.portal.upload;

import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.AthletePoint;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import com.skillmirror.upload.VideoStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the athlete is in a video with several people: the coach's point on its thumbnail. Only who may manage the
 * video's team (or, without a team, who uploaded it, or an admin) sets it. Before the analysis has started the point
 * is simply used; once it has finished, setting or removing the point analyses the video again as a new analysis of
 * the same file ({@link PortalUploads#reanalyse}), since every stage after pose depends on who the athlete is. While
 * it runs, a change is refused (409): two analyses of one file would run side by side. The same point again changes
 * nothing.
 */
@RestController
@Tag(name = "uploads")
class AthletePointController {

    /** @param athletePoint "X,Y" on the thumbnail, 0..1 from its top left, e.g. "0.52,0.40" */
    record AthletePointRequest(String athletePoint) {
    }

    private final VideoRepository videos;
    private final AccessPolicy access;
    private final PortalUploads uploads;
    private final ObjectStorage storage;
    private final StageResults results;

    AthletePointController(VideoRepository videos, AccessPolicy access, PortalUploads uploads, ObjectStorage storage,
                           StageResults results) {
        this.results = results;
        this.videos = videos;
        this.access = access;
        this.uploads = uploads;
        this.storage = storage;
    }

    /** The thumbnail the point is placed on (the frame at half the duration), for the page to click on. */
    @GetMapping({"/api/videos/{videoId}/thumbnail.jpg", "/web/videos/{videoId}/thumbnail.jpg"})
    @Operation(summary = "The video's thumbnail (the frame at half the duration): where the athlete point is placed")
    ResponseEntity<byte[]> thumbnail(@PathVariable UUID videoId, Actor actor) throws java.io.IOException {
        access.requireVideo(actor, videoId);
        byte[] jpeg = results.load(videoId, Artifact.THUMBNAIL).orElseThrow(() -> new NotFoundException("Video "
                + videoId + " has no thumbnail yet: it is made when the video is decoded. Follow its upload's progress."));
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.IMAGE_JPEG)
                .header("Cache-Control", "private, max-age=300").body(jpeg);
    }

    @GetMapping({"/api/videos/{videoId}/athlete-point", "/web/videos/{videoId}/athlete-point"})
    @Operation(summary = "The coach's point on the video's thumbnail saying who the athlete is (null: the person who performs the movement)")
    Map<String, Object> get(@PathVariable UUID videoId, Actor actor) {
        access.requireVideo(actor, videoId);
        return body(videoId, videos.athletePoint(videoId).orElse(null));
    }

    @PutMapping({"/api/videos/{videoId}/athlete-point", "/web/videos/{videoId}/athlete-point"})
    @Operation(summary = "Say who the athlete is: {\"athletePoint\": \"X,Y\"} on the thumbnail (0..1 from its top left); an analysed video is analysed again as a new analysis")
    ResponseEntity<Map<String, Object>> put(@PathVariable UUID videoId, @RequestBody AthletePointRequest request,
                                            Actor actor, HttpServletRequest http) {
        if (request == null || request.athletePoint() == null) {
            throw new IllegalArgumentException("Send {\"athletePoint\": \"X,Y\"} with X and Y between 0 and 1, e.g."
                    + " {\"athletePoint\": \"0.52,0.40\"}; DELETE removes the point.");
        }
        return change(videoId, AthletePoint.parse(request.athletePoint()), actor, http);
    }

    @DeleteMapping({"/api/videos/{videoId}/athlete-point", "/web/videos/{videoId}/athlete-point"})
    @Operation(summary = "Remove the point: the athlete is the person who performs the movement; an analysed video is analysed again")
    ResponseEntity<Map<String, Object>> delete(@PathVariable UUID videoId, Actor actor, HttpServletRequest http) {
        return change(videoId, null, actor, http);
    }

    private ResponseEntity<Map<String, Object>> change(UUID videoId, AthletePoint point, Actor actor,
                                                      HttpServletRequest http) {
        Video video = editable(videoId, actor);
        UUID team = videos.uploadTeam(video.uploadId()).orElse(null);
        boolean started = videos.jobExecutionId(video.uploadId()).isPresent();
        Map<String, Object> body = body(videoId, point);
        AthletePoint before = videos.athletePoint(videoId).orElse(null);
        if (Objects.equals(before, point)) {
            body.put("action", "unchanged: the video already has this point");
            return ResponseEntity.ok(body);
        }
        if (started && (video.status() == VideoStatus.PENDING || video.status() == VideoStatus.PROCESSING)) {
            // analysing again now would run two analyses of one file side by side; the point is only read once
            throw new AnalysisInProgressException("Video " + videoId + " is still being analysed (" + video.status()
                    + "). Set the athlete point again when its analysis has finished: the video is then analysed"
                    + " again with the point as a new analysis of the same file.");
        }
        if (!started) {
            videos.setAthletePoint(videoId, point);
            body.put("action", "stored: the analysis will use it");
            return ResponseEntity.ok(body);
        }
        String base = http.getRequestURI().startsWith(http.getContextPath() + "/web/") ? "/web/uploads" : "/api/uploads";
        // the video keeps the coach's latest word on who the athlete is, so the same point sent again (even at the same
        // moment) is no second job; should the new analysis not start, the point is put back
        if (!videos.changeAthletePoint(videoId, point)) {
            body.put("action", "unchanged: the video already has this point");
            return ResponseEntity.ok(body);
        }
        try {
            body.put("reanalysis", uploads.reanalyse(actor, video, team, point, storage, base));
        } catch (RuntimeException e) {
            videos.setAthletePoint(videoId, before);
            throw e;
        }
        body.put("action", "analysing again as a new analysis of the same file");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    private Video editable(UUID videoId, Actor actor) {
        access.requireVideo(actor, videoId);
        if (!actor.canManageTeams()) {
            throw new ForbiddenException("Only coaches and admins say who the athlete is in a video.");
        }
        Video video = videos.find(videoId).orElseThrow(() -> new NotFoundException("No video " + videoId));
        videos.uploadTeam(video.uploadId()).ifPresent(team -> access.requireManageTeam(actor, team));
        return video;
    }

    private static Map<String, Object> body(UUID videoId, AthletePoint point) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("videoId", videoId);
        body.put("athletePoint", point == null ? null : point.text());
        return body;
    }
}
