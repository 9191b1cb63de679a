package com.skillmirror.portal.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.analysis.AnalysisResults;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.portal.PortalCoreSlice;
import com.skillmirror.portal.PortalSliceTest;
import com.skillmirror.portal.PortalWebSlice;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.athlete.AthleteData;
import com.skillmirror.portal.report.ReportFiles;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import com.skillmirror.portal.team.TeamRepository;
import com.skillmirror.portal.team.TeamService;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.storage.StorageConfiguration;
import com.skillmirror.storage.StorageKeys;
import com.skillmirror.storage.UploadArtifact;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadOwner;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The composed pages through the real security filter chain, signed in by the real form login, on the real database
 * and storage: what home lists, who sees a team's and an upload's page (anyone else gets the not-found page: the
 * upload status page has no 403, as seeing an upload is all it needs), and when the report links appear.
 */
@SpringBootTest(classes = PortalPagesTest.Slice.class)
@AutoConfigureMockMvc
class PortalPagesTest extends PortalSliceTest {

    @Import({PortalCoreSlice.class, PortalWebSlice.class, PortalPages.class, TeamService.class, TeamRepository.class,
            AthleteData.class, AnalysisResults.class, StageResults.class, UploadService.class, VideoRepository.class,
            ReportFiles.class, SkillRegistry.class, StorageConfiguration.class, com.skillmirror.notes.CoachNotes.class})
    static class Slice {
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TeamRepository teams;
    @Autowired
    UploadService uploads;
    @Autowired
    StageResults stages;
    @Autowired
    ObjectStorage storage;

    @Test
    void homeListsTheTeamsOfTheSignedInCoachOnly() throws Exception {
        Account coach = account(Role.COACH);
        Team mine = teams.create("Rowing " + fresh(), coach.id());
        Team alsoMine = teams.create("Sculling " + fresh(), coach.id());
        Team theirs = teams.create("Judo " + fresh(), account(Role.COACH).id());

        mvc.perform(get("/").session(signIn(coach)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(">" + mine.name() + "</a>"),
                        containsString(">" + alsoMine.name() + "</a>"), not(containsString(theirs.name())),
                        containsString("id=\"create-team\""))));
    }

    @Test
    void homeShowsAnAthleteTheirOwnDataAndNoTeamToCreate() throws Exception {
        Account coach = account(Role.COACH);
        Team team = teams.create("Track " + fresh(), coach.id());
        Athlete ana = teams.addAthlete(team.id(), "Ana " + fresh());
        Athlete ben = teams.addAthlete(team.id(), "Ben " + fresh());
        Account anasAccount = account(Role.ATHLETE);
        teams.linkUnclaimed(ana.id(), anasAccount.id());

        mvc.perform(get("/").session(signIn(anasAccount)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("No teams yet."), containsString(ana.name()),
                        containsString("href=\"/web/athletes/" + ana.id() + "/export\""), not(containsString(ben.name())),
                        not(containsString("id=\"create-team\"")))));
    }

    @Test
    void anUploadsStatusPageIsThereForItsTeamAndNotFoundForAnyoneElse() throws Exception {
        Account coach = account(Role.COACH);
        Team team = teams.create("Rowing " + fresh(), coach.id());
        Account expert = account(Role.EXPERT);
        teams.addMember(team.id(), expert.id());
        UUID upload = upload(team, coach, "secret-erg-test.mp4").get(0).uploadId();
        String page = "/uploads/" + upload;

        mvc.perform(get(page).session(signIn(coach))).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(upload.toString()), containsString("secret-erg-test.mp4"))));
        mvc.perform(get(page).session(signIn(expert))).andExpect(status().isOk());

        Account stranger = account(Role.COACH);
        teams.create("Judo " + fresh(), stranger.id());
        mvc.perform(get(page).session(signIn(stranger)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(allOf(containsString("There is nothing here for you."),
                        not(containsString("secret-erg-test")), not(containsString(upload.toString())))));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'ACCESS_DENIED' AND actor = ? AND target = ?")
                .params(stranger.username(), "upload:" + upload).query(Long.class).single()).isEqualTo(1);
        mvc.perform(get(page).session(signIn(account(Role.ADMIN)))).andExpect(status().isOk());
        mvc.perform(get("/uploads/" + UUID.randomUUID()).session(signIn(coach))).andExpect(status().isNotFound());
        mvc.perform(get(page)).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", endsWith("/login")));
    }

    @Test
    void aTeamsExpertReadsItsPageButChangingTheRosterThereIsTheNotAllowedPage() throws Exception {
        Account coach = account(Role.COACH);
        Team team = teams.create("Rowing " + fresh(), coach.id());
        Account expert = account(Role.EXPERT);
        teams.addMember(team.id(), expert.id());
        MockHttpSession session = signIn(expert);

        mvc.perform(get("/teams/" + team.id()).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString(team.name())));
        mvc.perform(post("/teams/" + team.id() + "/athletes").param("name", "Hal").session(session).with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(allOf(containsString("Not allowed"), containsString("may view this team"))));
        assertThat(teams.athletes(team.id())).isEmpty();
        mvc.perform(get("/teams/" + team.id()).session(signIn(account(Role.COACH)))).andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString(team.name()))));
    }

    @Test
    void theReportLinksAppearOnlyOnceTheirReportIsStored() throws Exception {
        Account coach = account(Role.COACH);
        Team team = teams.create("Rowing " + fresh(), coach.id());
        List<Video> videos = upload(team, coach, "start.mp4", "finish.mp4");
        Video reported = videos.get(0);
        Video pending = videos.get(1);
        UUID upload = reported.uploadId();
        MockHttpSession session = signIn(coach);
        String teamReportLink = "href=\"/uploads/" + upload + "/team-report\"";

        mvc.perform(get("/uploads/" + upload).session(session)).andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("class=\"report-link\"")),
                        not(containsString(teamReportLink)))));

        stages.store(upload, reported.id(), Artifact.REPORT_HTML, "<html>report</html>".getBytes(StandardCharsets.UTF_8));
        mvc.perform(get("/uploads/" + upload).session(session)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("href=\"/videos/" + reported.id() + "/report\""),
                        not(containsString("href=\"/videos/" + pending.id() + "/report\"")),
                        not(containsString(teamReportLink)))));

        storage.put(StorageKeys.uploadArtifact(upload, UploadArtifact.TEAM_REPORT_HTML),
                "<html>team</html>".getBytes(StandardCharsets.UTF_8), UploadArtifact.TEAM_REPORT_HTML.contentType());
        mvc.perform(get("/uploads/" + upload).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString(teamReportLink)));
    }

    private List<Video> upload(Team team, Account coach, String... names) throws IOException {
        List<IncomingFile> files = java.util.Arrays.stream(names).map(name -> {
            byte[] bytes = ("clip " + name).getBytes(StandardCharsets.UTF_8);
            return new IncomingFile(name, bytes.length, () -> new ByteArrayInputStream(bytes), null, null);
        }).toList();
        return uploads.create(new UploadOwner(team.id(), coach.id()), files).videos();
    }

    /** A page session from the real form login, with its CSRF token, from an address of its own (sign-in limits). */
    private MockHttpSession signIn(Account account) throws Exception {
        String address = "10.9." + ThreadLocalRandom.current().nextInt(250) + "." + ThreadLocalRandom.current().nextInt(250);
        return (MockHttpSession) mvc.perform(post("/login").param("username", account.username())
                        .param("password", PASSWORD).with(csrf()).with(request -> {
                            request.setRemoteAddr(address);
                            return request;
                        }))
                .andExpect(redirectedUrl("/"))
                .andReturn().getRequest().getSession(false);
    }
}
