package com.skillmirror.portal.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Test support for the comparison player: an expert with footage (three takes of the OpenCV sample's walker as
 * running gait, ingested through POST /api/experts/ingest as ExpertApiTest does) and an athlete's take of the same
 * walker uploaded by her coach and analysed by the real job, which compares it with that expert's pattern. Built
 * once per test class (each class has its own database) by {@link #comparison()}; short clips, one analysis.
 * Extend it instead of PortalTestSupport (a browser test may add webEnvironment = RANDOM_PORT).
 */
public abstract class PlayerFixtures extends PortalTestSupport {

    /** What the player is opened on. The athlete account is linked to the video's athlete (she may see it). */
    public record Comparison(Account coach, Team team, Athlete athlete, Account athleteAccount, UUID uploadId,
            UUID videoId, UUID expertId, UUID patternId) {
    }

    static Path inbox;
    private static Comparison built;
    /** One token per account for the class: each sign-in counts against the account's sign-in throttle. */
    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    protected String token(Account account) throws Exception {
        String cached = TOKENS.get(account.username());
        if (cached == null) {
            cached = super.token(account);
            TOKENS.put(account.username(), cached);
        }
        return cached;
    }

    @DynamicPropertySource
    static void ingestFolder(DynamicPropertyRegistry registry) throws Exception {
        inbox = Files.createTempDirectory("skillmirror-player-inbox-");
        registry.add("skillmirror.ingest.folder", inbox::toString);
    }

    /** An upload of one take: its id and its video's. */
    public record Analysed(UUID uploadId, UUID videoId) {
    }

    /**
     * A take uploaded by a coach for an athlete of the coach's team and analysed by the real job to its end (waited
     * for generously: the machine may be busy); fails with the video's error message unless it COMPLETED.
     */
    protected Analysed analysed(Account coach, Team team, Athlete athlete, Path take, String name, String skill)
            throws Exception {
        String created = mvc.perform(multipart("/api/uploads").file(new MockMultipartFile("files", name,
                        "video/mp4", Files.readAllBytes(take))).param("teamId", team.id().toString())
                        .param("athlete", athlete.id().toString()).param("skill", skill)
                        .header("Authorization", bearer(token(coach))))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        Map<?, ?> upload = JSON.readValue(created, Map.class);
        UUID uploadId = UUID.fromString(upload.get("uploadId").toString());
        long deadline = System.currentTimeMillis() + 900_000;
        String state = null;
        while (System.currentTimeMillis() < deadline && !List.of("COMPLETED", "PARTIAL", "FAILED").contains(
                state = jdbc.sql("SELECT status FROM upload WHERE id = ?").param(uploadId).query(String.class).single())) {
            Thread.sleep(200);
        }
        String error = jdbc.sql("SELECT coalesce(max(error_message), '') FROM video WHERE upload_id = ?")
                .param(uploadId).query(String.class).single();
        assertThat(state).as("the analysis of %s: %s", name, error).isEqualTo("COMPLETED");
        UUID videoId = UUID.fromString(((Map<?, ?>) ((List<?>) upload.get("videos")).get(0)).get("videoId").toString());
        return new Analysed(uploadId, videoId);
    }

    /** A take of the fixture's athlete uploaded by the fixture's coach and analysed; its video id. */
    protected UUID analysed(Comparison c, Path take, String name, String skill) throws Exception {
        return analysed(c.coach(), c.team(), c.athlete(), take, name, skill).videoId();
    }

    /** The expert ingested and the athlete's take analysed, once per class (the class's database). */
    protected Comparison comparison() throws Exception {
        if (built != null && built.videoId() != null
                && jdbc.sql("SELECT count(*) FROM video WHERE id = ?").param(built.videoId()).query(Long.class).single() == 1) {
            return built;
        }
        Path vtest = TestMedia.file("opencv_vtest_pedestrians.avi");
        Path drop = Files.createDirectories(inbox.resolve("walker"));
        for (int i = 0; i < 3; i++) {
            TestClips.excerpt(vtest, drop.resolve("take-" + i + ".mp4"), 60 + i * 0.5, 3, "crop=480:320:150:256,scale=960:640");
        }
        Files.writeString(drop.resolve("manifest.yaml"), """
                expert: {name: Walker from the OpenCV sample, credits: "opencv-doc vtest.avi", licence: "Apache-2.0/BSD"}
                skill: running-gait
                """);
        Account admin = user(Role.ADMIN);
        String report = mvc.perform(post("/api/experts/ingest").header("Authorization", bearer(token(admin))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(report).as("the expert's ingest").contains("\"INGESTED\"");
        Map<String, Object> pattern = jdbc.sql("""
                SELECT id, expert_id FROM expert_pattern
                WHERE skill_id = 'running-gait' AND source = 'VIDEO' AND takes_upload_id IS NOT NULL
                ORDER BY created_at DESC LIMIT 1""").query().singleRow();
        UUID patternId = (UUID) pattern.get("id");
        UUID expertId = (UUID) pattern.get("expert_id");

        Account coach = user(Role.COACH);
        Team team = team(coach);
        Athlete ana = athlete(team, "Ana " + UUID.randomUUID().toString().substring(0, 6));
        Account herAccount = user(Role.ATHLETE);
        assertThat(teams.linkUnclaimed(ana.id(), herAccount.id())).isTrue();
        Path take = TestClips.excerpt(vtest, Files.createTempFile("athlete", ".mp4"), 61.2, 3,
                "crop=480:320:150:256,scale=960:640");
        Analysed analysed = analysed(coach, team, ana, take, "walk.mp4", "running-gait");
        UUID uploadId = analysed.uploadId();
        UUID videoId = analysed.videoId();
        built = new Comparison(coach, team, ana, herAccount, uploadId, videoId, expertId, patternId);
        return built;
    }
}
