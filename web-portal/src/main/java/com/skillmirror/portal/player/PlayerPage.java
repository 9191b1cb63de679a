package com.skillmirror.portal.player;

import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.web.PortalPage;
import com.skillmirror.upload.VideoRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The comparison player page: the athlete's take and the expert's side by side, the timeline, the coach's notes. The
 * page is a shell; static/js/player.js loads everything it shows from the comparison view and notes endpoints, which
 * check access themselves. The page checks it too, so a video one may not see is a 404 page rather than an empty player.
 */
@Controller
@PortalPage
class PlayerPage {

    private final AccessPolicy access;
    private final VideoRepository videos;

    PlayerPage(AccessPolicy access, VideoRepository videos) {
        this.access = access;
        this.videos = videos;
    }

    @GetMapping("/videos/{videoId}/player")
    String player(@PathVariable UUID videoId, @RequestParam(required = false) UUID expertId, Actor actor, Model model,
            HttpServletRequest request) {
        access.requireVideo(actor, videoId);
        var video = videos.find(videoId).orElseThrow(() -> new NotFoundException("No video " + videoId));
        model.addAttribute("actor", actor);
        model.addAttribute("videoId", videoId);
        model.addAttribute("file", video.originalName());
        // expertId is a UUID already (Spring refuses anything else), so the built URL carries no user text; the
        // script fetches it as it is, so it names the servlet context path (the server's setting) as th:src does
        model.addAttribute("viewUrl", UriComponentsBuilder.fromPath(request.getContextPath()
                        + "/web/videos/{id}/comparison-view")
                .queryParamIfPresent("expertId", java.util.Optional.ofNullable(expertId))
                .buildAndExpand(videoId).toUriString());
        // only a hint for which tools to show: the notes endpoint decides (an uploader outside the team gets a 403,
        // which the page turns into read-only); asking AccessPolicy here would audit a denial on every athlete's visit
        model.addAttribute("canWrite", actor.canManageTeams());
        return "comparison-player";
    }
}
