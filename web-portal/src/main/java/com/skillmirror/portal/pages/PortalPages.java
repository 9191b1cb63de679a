package com.skillmirror.portal.pages;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.athlete.AthleteData;
import com.skillmirror.portal.report.ReportFiles;
import com.skillmirror.portal.security.AccountService;
import com.skillmirror.portal.security.SessionRenewal;
import com.skillmirror.portal.team.Team;
import com.skillmirror.portal.team.TeamService;
import com.skillmirror.portal.web.PortalPage;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.storage.Artifact;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.UploadSummary;
import com.skillmirror.upload.VideoRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The portal pages: server-rendered Thymeleaf, every user value written with th:text (escaped). */
@Controller
@PortalPage
class PortalPages {

    /** Enough for a season of weekly sessions; older ones stay reachable through the API. */
    private static final int TEAM_PAGE_UPLOADS = 100;

    private final TeamService teams;
    private final AthleteData athletes;
    private final AccessPolicy access;
    private final AnalysisResults results;
    private final UploadService uploads;
    private final AccountService accounts;
    private final AuditLog audit;
    private final VideoRepository videos;
    private final ReportFiles reports;
    private final SkillRegistry skills;
    private final SessionRenewal sessions;

    PortalPages(TeamService teams, AthleteData athletes, AccessPolicy access, AnalysisResults results, UploadService uploads,
                AccountService accounts, AuditLog audit, VideoRepository videos, ReportFiles reports,
                SkillRegistry skills, SessionRenewal sessions) {
        this.sessions = sessions;
        this.skills = skills;
        this.videos = videos;
        this.reports = reports;
        this.accounts = accounts;
        this.audit = audit;
        this.teams = teams;
        this.athletes = athletes;
        this.access = access;
        this.results = results;
        this.uploads = uploads;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Actor actor, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("teams", teams.visible(actor));
        model.addAttribute("myAthletes", actor.role() == Role.ATHLETE ? athletes.ownAthletes(actor) : java.util.List.of());
        return "home";
    }

    @PostMapping("/teams")
    String createTeam(@RequestParam String name, Actor actor) {
        Team team = teams.create(actor, name);
        return "redirect:/teams/" + team.id();
    }

    @GetMapping("/teams/{teamId}")
    String team(@PathVariable UUID teamId, Actor actor, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("team", teams.get(actor, teamId));
        model.addAttribute("members", teams.members(actor, teamId));
        model.addAttribute("athletes", teams.roster(actor, teamId));
        var uploads = videos.uploadsOfTeam(teamId, TEAM_PAGE_UPLOADS);
        model.addAttribute("uploads", uploads);
        model.addAttribute("teamReports", uploads.stream().filter(u -> reports.teamReportHtml(u.id()).isPresent())
                .map(UploadSummary::id).collect(java.util.stream.Collectors.toSet()));
        return "team";
    }

    @PostMapping("/teams/{teamId}/athletes")
    String addAthlete(@PathVariable UUID teamId, @RequestParam String name, Actor actor) {
        teams.addAthlete(actor, teamId, name);
        return "redirect:/teams/" + teamId;
    }

    @PostMapping("/teams/{teamId}/athletes/csv")
    String importCsv(@PathVariable UUID teamId, @RequestParam("file") MultipartFile file, Actor actor,
                     RedirectAttributes flash) throws IOException {
        TeamService.CsvResult result = teams.importCsv(actor, teamId, file.getInputStream());
        flash.addFlashAttribute("message", "Added " + result.added().size() + " athletes"
                + (result.skipped().isEmpty() ? "." : "; skipped: " + String.join("; ", result.skipped())));
        return "redirect:/teams/" + teamId;
    }

    @PostMapping("/teams/{teamId}/invites")
    String invite(@PathVariable UUID teamId, @RequestParam Role role, @RequestParam(required = false) UUID athleteId,
                  Actor actor, RedirectAttributes flash) {
        TeamService.Invite invite = teams.invite(actor, teamId, role, athleteId);
        flash.addFlashAttribute("inviteUrl", ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/invite/{token}").buildAndExpand(invite.token()).toUriString());
        return "redirect:/teams/" + teamId;
    }

    @PostMapping("/athletes/{athleteId}/delete")
    String deleteAthlete(@PathVariable UUID athleteId, @RequestParam UUID teamId, Actor actor, RedirectAttributes flash)
            throws IOException {
        int videos = athletes.delete(actor, athleteId);
        flash.addFlashAttribute("message", "Athlete and " + videos + " videos deleted.");
        return "redirect:/teams/" + teamId;
    }

    @GetMapping("/upload")
    String upload(Actor actor, Model model, @RequestParam(required = false) UUID teamId) {
        model.addAttribute("actor", actor);
        model.addAttribute("teams", teams.visible(actor));
        model.addAttribute("teamId", teamId);
        model.addAttribute("maxFileMb", DataSize.ofBytes(uploads.maxFileBytes()).toMegabytes());
        model.addAttribute("skills", skills.all().stream()
                .sorted(java.util.Comparator.comparing(SkillDefinition::name, String.CASE_INSENSITIVE_ORDER)).toList());
        return "upload";
    }

    @GetMapping("/uploads/{uploadId}")
    String uploadStatus(@PathVariable UUID uploadId, Actor actor, Model model) {
        access.requireUpload(actor, uploadId);
        model.addAttribute("actor", actor);
        model.addAttribute("uploadId", uploadId);
        model.addAttribute("upload", results.upload(uploadId));
        model.addAttribute("reportKind", Artifact.REPORT_HTML.kind());
        model.addAttribute("thumbnailKind", Artifact.THUMBNAIL.kind()); // the athlete point is placed on it
        model.addAttribute("teamReport", reports.teamReportHtml(uploadId).isPresent());
        return "upload-status";
    }

    @GetMapping("/account/password")
    String passwordPage(Actor actor, Model model) {
        model.addAttribute("actor", actor);
        return "password";
    }

    /** Where the first admin replaces the printed one-time password (and anyone changes theirs). */
    @PostMapping("/account/password")
    String changePassword(Actor actor, @RequestParam String currentPassword, @RequestParam String newPassword,
                          Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("actor", actor);
        try {
            accounts.changePassword(actor.id(), currentPassword, newPassword);
            // the change ends the account's other sessions; this one stays signed in
            sessions.keepThisSession(actor.id(), request, response);
            audit.record(actor.username(), AuditLog.PASSWORD_CHANGED, "user:" + actor.id(), "page");
            model.addAttribute("message", "Your password is changed.");
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "password";
    }

    @GetMapping("/invite/{token}")
    String invitePage(@PathVariable String token, Model model) {
        model.addAttribute("invite", teams.pending(token).orElse(null));
        model.addAttribute("token", token);
        return "invite";
    }

    @PostMapping("/invite/{token}")
    String acceptInvite(@PathVariable String token, @RequestParam String username, @RequestParam String password,
                        Model model, jakarta.servlet.http.HttpServletRequest request) {
        try {
            var account = teams.accept(token, username, password);
            audit.record(account.username(), AuditLog.USER_CREATED, "user:" + account.id(),
                    "from an invite as " + account.role() + ", from " + request.getRemoteAddr());
            return "redirect:/login?invited";
        } catch (IllegalArgumentException | com.skillmirror.portal.access.NotFoundException e) {
            return inviteError(token, model, e.getMessage());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // the coach added the same name to the roster at that moment: nothing was kept
            return inviteError(token, model, "That name was just taken on the team. Choose another username.");
        }
    }

    private String inviteError(String token, Model model, String message) {
        model.addAttribute("invite", teams.pending(token).orElse(null));
        model.addAttribute("token", token);
        model.addAttribute("error", message);
        return "invite";
    }
}
