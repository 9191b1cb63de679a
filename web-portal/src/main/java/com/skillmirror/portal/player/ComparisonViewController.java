package com.skillmirror.portal.player;

import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.report.StoredFileResponse;
import com.skillmirror.storage.ObjectStorage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The comparison player's data and videos, under /api (bearer token) and /web (the pages' session): the view (both
 * skeletons, the alignment, phases, repetitions, curves, findings) and the two proxies, with byte ranges so the
 * browser can seek. Access is checked in {@link ComparisonViews}.
 */
@RestController
@Tag(name = "player", description = "The comparison player: the athlete and the expert side by side, aligned by the"
        + " comparison's own warping path, with skeletons, phases, angle curves and findings on one timeline")
class ComparisonViewController {

    private final ComparisonViews views;
    private final ObjectStorage storage;

    ComparisonViewController(ComparisonViews views, ObjectStorage storage) {
        this.views = views;
        this.storage = storage;
    }

    @GetMapping({"/api/videos/{videoId}/comparison-view", "/web/videos/{videoId}/comparison-view"})
    @Operation(summary = "The comparison player's data for an analysed video: both skeletons (at most 30 a second),"
            + " the alignment map (athlete ms -> pattern position -> expert ms), phases, repetitions, the compared"
            + " angles' curves and the findings with the time each shows most; ?expertId= compares with another"
            + " expert of the skill (rate-limited like POST /api/compare). 409 when the analysis has not got that far")
    Map<String, Object> view(@PathVariable UUID videoId, @RequestParam(required = false) UUID expertId, Actor actor,
            HttpServletRequest request) throws IOException {
        return views.view(actor, videoId, expertId, base(request));
    }

    @GetMapping({"/api/videos/{videoId}/player/video", "/web/videos/{videoId}/player/video"})
    @Operation(summary = "The athlete's analysis proxy (H.264 MP4, the timeline of the view's times), with Range"
            + " requests")
    void athleteVideo(@PathVariable UUID videoId, Actor actor, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        new StoredFileResponse(storage, views.athleteProxy(actor, videoId), "athlete-" + videoId + ".mp4",
                "video/mp4").send(request, response);
    }

    @GetMapping({"/api/patterns/{patternId}/player/video", "/web/patterns/{patternId}/player/video"})
    @Operation(summary = "The expert take of a pattern (its analysis proxy, H.264 MP4), with Range requests; any"
            + " signed-in user, as the experts pages. 404 for a pattern without footage (a published norm)")
    void expertVideo(@PathVariable UUID patternId, Actor actor, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        new StoredFileResponse(storage, views.expertProxy(patternId), "expert-" + patternId + ".mp4", "video/mp4")
                .send(request, response);
    }

    @ExceptionHandler(ComparisonViews.NotReadyException.class)
    ResponseEntity<Map<String, String>> notReady(ComparisonViews.NotReadyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    /** The view names URLs under the prefix it was asked under, so a page's session never gets /api links. */
    private static String base(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getContextPath() + (path.startsWith("/web/") ? "/web" : "/api");
    }
}
