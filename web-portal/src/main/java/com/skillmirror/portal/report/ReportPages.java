package com.skillmirror.portal.report;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.team.TeamRepository;
import com.skillmirror.portal.web.PortalPage;
import com.skillmirror.storage.Artifact;
import com.skillmirror.upload.VideoRepository;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The report pages: the portal's frame (navigation, downloads, links) around the stored report, which is shown in a
 * sandboxed iframe from {@link ReportController} under its own strict Content-Security-Policy.
 */
@Controller
@PortalPage
class ReportPages {

    private final ReportFiles files;
    private final AccessPolicy access;
    private final VideoRepository videos;
    private final AnalysisResults results;
    private final TeamRepository teams;

    ReportPages(ReportFiles files, AccessPolicy access, VideoRepository videos, AnalysisResults results,
                TeamRepository teams) {
        this.teams = teams;
        this.files = files;
        this.access = access;
        this.videos = videos;
        this.results = results;
    }

    @GetMapping("/videos/{videoId}/report")
    String videoReport(@PathVariable UUID videoId, Actor actor, Model model) {
        access.requireVideo(actor, videoId);
        var video = videos.find(videoId).orElseThrow(() -> new NotFoundException("No video " + videoId));
        model.addAttribute("actor", actor);
        model.addAttribute("video", results.video(video));
        model.addAttribute("hasReport", files.hasReport(videoId));
        var downloads = files.exports(videoId);
        model.addAttribute("downloads", downloads);
        String overlayKind = Artifact.OVERLAY.kind();
        model.addAttribute("hasOverlay", downloads.stream().anyMatch(d -> d.kind().equals(overlayKind)));
        model.addAttribute("overlayKind", overlayKind);
        return "video-report";
    }

    @GetMapping("/web/athletes/{athleteId}/progress")
    String athleteProgress(@PathVariable UUID athleteId, Actor actor, Model model) {
        access.requireAthlete(actor, athleteId);
        model.addAttribute("actor", actor);
        model.addAttribute("athleteId", athleteId);
        model.addAttribute("athleteName", teams.athlete(athleteId).map(a -> a.name()).orElse(""));
        return "athlete-progress";
    }

    @GetMapping("/uploads/{uploadId}/team-report")
    String teamReport(@PathVariable UUID uploadId, Actor actor, Model model) {
        access.requireUpload(actor, uploadId);
        model.addAttribute("actor", actor);
        model.addAttribute("uploadId", uploadId);
        model.addAttribute("hasReport", files.teamReportHtml(uploadId).isPresent());
        model.addAttribute("hasPdf", files.teamReportPdf(uploadId).isPresent());
        return "team-report";
    }
}
