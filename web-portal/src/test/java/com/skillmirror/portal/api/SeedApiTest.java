package com.skillmirror.portal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.PortalSliceTest;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Team;
import com.skillmirror.portal.team.TeamRepository;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadOwner;
import com.skillmirror.upload.UploadService;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's API paths through the real filter chain with real access tokens: what each one gives, to whom, and
 * what it refuses; starting and restarting an analysis goes through the real launcher and Spring Batch.
 */
@SpringBootTest(classes = ApiSlice.class)
@AutoConfigureMockMvc
class SeedApiTest extends PortalSliceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    TeamRepository teams;
    @Autowired
    UploadService uploads;
    @Autowired
    VideoRepository videos;
    @Autowired
    SkillRegistry skills;
    @Autowired
    JobRepository jobs;
    @Autowired
    ApiSlice.Starts starts;

    @Test
    void healthIsPublicAndEverythingElseWantsAToken() throws Exception {
        mvc.perform(get("/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ok")).andExpect(jsonPath("$.database").value("up"));
        UUID video = UUID.randomUUID();
        for (ResultActions refused : List.of(mvc.perform(get("/skills")), mvc.perform(get("/analysis/" + video)),
                mvc.perform(post("/analyze-video/" + video)))) {
            refused.andExpect(status().isUnauthorized()).andExpect(jsonPath("$.error").value(containsString("Bearer")));
        }
        // an anonymous upload is refused before its body is read
        mvc.perform(multipart("/upload-video").file(clip("file", "a.mp4"))).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value(containsString("nothing was read or stored")));
    }

    @Test
    void skillsListsEveryRegisteredSkill() throws Exception {
        String body = mvc.perform(get("/skills/").header("Authorization", bearer(account(Role.ATHLETE))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Object> listed = JSON.readValue(body, List.class).stream().map(s -> ((Map<?, ?>) s).get("id")).toList();
        assertThat(listed).containsExactlyElementsOf(skills.all().stream().map(SkillDefinition::id).sorted().toList());
    }

    @Test
    void analysisShowsAVideosResultsToItsTeamOnly() throws Exception {
        Account coach = account(Role.COACH);
        Team team = teams.create("Rowing " + fresh(), coach.id());
        Account expert = account(Role.EXPERT);
        teams.addMember(team.id(), expert.id());
        Video video = upload(team, coach, "erg.mp4");

        for (Account reader : List.of(coach, expert)) {
            mvc.perform(get("/analysis/" + video.id()).header("Authorization", bearer(reader)))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.videoId").value(video.id().toString()))
                    .andExpect(jsonPath("$.file").value("erg.mp4")).andExpect(jsonPath("$.status").value("PENDING"));
        }
        mvc.perform(get("/analysis/" + video.id()).header("Authorization", bearer(account(Role.COACH))))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.error").value("No video " + video.id()));
        mvc.perform(get("/analysis/not-a-video").header("Authorization", bearer(coach)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void analyzeStartsANewUploadRestartsAFailedOneAndOnlyForItsCoaches() throws Exception {
        Account coach = account(Role.COACH);
        Team team = teams.create("Rowing " + fresh(), coach.id());
        Account expert = account(Role.EXPERT);
        teams.addMember(team.id(), expert.id());
        Video video = upload(team, coach, "start.mp4");
        String analyze = "/analyze-video/" + video.id();

        mvc.perform(post(analyze).header("Authorization", bearer(expert))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value("Only coaches and admins start analyses."));
        mvc.perform(post(analyze).header("Authorization", bearer(account(Role.COACH)))).andExpect(status().isNotFound());
        assertThat(starts.queue).as("nothing started by a refusal").noneMatch(s -> s.uploadId().equals(video.uploadId()));

        mvc.perform(post(analyze).header("Authorization", bearer(coach))).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.action").value("started")).andExpect(jsonPath("$.uploadStatus").value("RECEIVED"))
                .andExpect(jsonPath("$.liveUrl").value("/api/uploads/" + video.uploadId() + "/live"));
        ApiSlice.Start first = nextStartOf(video.uploadId());
        // the test job fails its first run; the upload is then marked as the real job's listener marks it
        awaitEnd(first.jobExecutionId());
        videos.finishUpload(video.uploadId(), first.jobExecutionId(), true);

        mvc.perform(post(analyze).header("Authorization", bearer(coach))).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.action").value("restarted")).andExpect(jsonPath("$.uploadStatus").value("FAILED"));
        ApiSlice.Start restart = nextStartOf(video.uploadId());
        assertThat(restart.jobInstanceId()).as("the same job instance, continued").isEqualTo(first.jobInstanceId());
        assertThat(restart.jobExecutionId()).isNotEqualTo(first.jobExecutionId());
    }

    @Test
    void analyzeOnlyReportsAFinishedUpload() throws Exception {
        Account coach = account(Role.COACH);
        Video video = upload(teams.create("Rowing " + fresh(), coach.id()), coach, "done.mp4");
        videos.finishUpload(video.uploadId(), null, false);

        mvc.perform(post("/analyze-video/" + video.id() + "/").header("Authorization", bearer(coach)))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.action").value("none"))
                .andExpect(jsonPath("$.uploadStatus").value("COMPLETED"));
        assertThat(starts.queue).noneMatch(s -> s.uploadId().equals(video.uploadId()));
    }

    @Test
    void uploadVideoTakesOneOrSeveralFilesForACoachsTeamAndStartsTheirAnalysis() throws Exception {
        Account coach = account(Role.COACH);
        Team team = teams.create("Rowing " + fresh(), coach.id());

        String body = mvc.perform(multipart("/upload-video").file(clip("file", "one.mp4")).file(clip("files", "two.mp4"))
                        .param("teamId", team.id().toString()).header("Authorization", bearer(coach)))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.videos.length()").value(2))
                .andExpect(jsonPath("$.statusUrl").value(containsString("/api/uploads/")))
                .andReturn().getResponse().getContentAsString();
        UUID upload = UUID.fromString(JSON.readValue(body, Map.class).get("uploadId").toString());

        assertThat(videos.findByUpload(upload)).extracting(Video::originalName).containsExactly("one.mp4", "two.mp4");
        assertThat(jdbc.sql("SELECT team_id, created_by FROM upload WHERE id = ?").param(upload).query().singleRow())
                .containsEntry("team_id", team.id()).containsEntry("created_by", coach.id());
        assertThat(nextStartOf(upload).uploadId()).isEqualTo(upload);

        mvc.perform(multipart("/upload-video").file(clip("file", "mine.mp4")).param("teamId", team.id().toString())
                        .header("Authorization", bearer(account(Role.ATHLETE))))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/upload-video").file(clip("file", "theirs.mp4")).param("teamId", team.id().toString())
                        .header("Authorization", bearer(account(Role.COACH))))
                .andExpect(status().isNotFound());
        mvc.perform(multipart("/upload-video").file(new MockMultipartFile("file", "notes.txt", "text/plain",
                        "not a video".getBytes(StandardCharsets.UTF_8)))
                        .param("teamId", team.id().toString()).header("Authorization", bearer(coach)))
                .andExpect(status().isUnsupportedMediaType());
        assertThat(videos.uploadsOfTeam(team.id(), 10)).as("uploads of the team").hasSize(1);
    }

    private Video upload(Team team, Account coach, String name) throws IOException {
        byte[] bytes = ("clip " + name).getBytes(StandardCharsets.UTF_8);
        return uploads.create(new UploadOwner(team.id(), coach.id()),
                List.of(new IncomingFile(name, bytes.length, () -> new ByteArrayInputStream(bytes), null, null)))
                .videos().get(0);
    }

    private static MockMultipartFile clip(String part, String name) {
        return new MockMultipartFile(part, name, "video/mp4", new byte[100]);
    }

    /** A real access token from POST /api/auth/token, signed in from an address of its own (sign-in limits). */
    private String bearer(Account account) throws Exception {
        String body = mvc.perform(post("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("username", account.username(), "password", PASSWORD)))
                        .with(request -> {
                            request.setRemoteAddr("10.8." + ThreadLocalRandom.current().nextInt(250) + "."
                                    + ThreadLocalRandom.current().nextInt(250));
                            return request;
                        }))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return "Bearer " + JSON.readValue(body, Map.class).get("accessToken");
    }

    /**
     * The next start of the upload's analysis, passing over starts of other uploads (earlier tests'); starts run in
     * the launcher's background threads.
     */
    private ApiSlice.Start nextStartOf(UUID upload) throws InterruptedException {
        for (ApiSlice.Start start = starts.queue.poll(60, TimeUnit.SECONDS); start != null;
             start = starts.queue.poll(60, TimeUnit.SECONDS)) {
            if (start.uploadId().equals(upload)) {
                return start;
            }
        }
        throw new AssertionError("no start of the analysis of upload " + upload + " within 60 s");
    }

    private void awaitEnd(long jobExecutionId) throws InterruptedException {
        for (int i = 0; i < 1200 && jobs.getJobExecution(jobExecutionId).getStatus().isRunning(); i++) {
            Thread.sleep(50);
        }
        assertThat(jobs.getJobExecution(jobExecutionId).getStatus()).isEqualTo(BatchStatus.FAILED);
    }
}
