package com.skillmirror.portal;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.security.AccountService;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import com.skillmirror.portal.team.TeamRepository;
import com.skillmirror.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole portal (SkillMirrorApplication) on a fresh database of the machine's real PostgreSQL, through MockMvc.
 * Each test class has its own database, so its context is closed after the class rather than cached for the next.
 */
@SpringBootTest(classes = SkillMirrorApplication.class)
@AutoConfigureMockMvc
@DirtiesContext
public abstract class PortalTestSupport {

    protected static final String PASSWORD = "correct horse battery";
    /** The first admin's configured password, which the portal makes its owner replace (see rootAdminPassword). */
    protected static final String BOOTSTRAP_PASSWORD = "bootstrap password 1";
    private static final String ROOT_ADMIN_PASSWORD = "root admin's own phrase";
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    static TestDatabase database;
    @TempDir
    static Path home;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected AccountService accounts;
    @Autowired
    protected TeamRepository teams;
    @Autowired
    protected JdbcClient jdbc;

    @BeforeAll
    static void database() {
        database = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database.url());
        registry.add("spring.datasource.username", () -> database.username());
        registry.add("skillmirror.home", () -> home.toString());
        registry.add("skillmirror.admin.username", () -> "root-admin");
        registry.add("skillmirror.admin.password", () -> BOOTSTRAP_PASSWORD);
    }

    /**
     * The first admin ('root-admin') after replacing its configured password, as the portal demands before anything
     * else works; the replacement happens once per test class (database).
     */
    protected String rootAdminPassword() {
        jdbc.sql("SELECT id FROM app_user WHERE username = 'root-admin' AND must_change_password").query(UUID.class)
                .optional().ifPresent(id -> accounts.changePassword(id, BOOTSTRAP_PASSWORD, ROOT_ADMIN_PASSWORD));
        return ROOT_ADMIN_PASSWORD;
    }

    protected Account user(Role role) {
        return accounts.create(role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8), PASSWORD, role);
    }

    protected Team team(Account coach) {
        return teams.create("Team " + UUID.randomUUID().toString().substring(0, 6), coach.id());
    }

    protected Athlete athlete(Team team, String name) {
        return teams.addAthlete(team.id(), name);
    }

    protected static Actor actor(Account a) {
        return new Actor(a.id(), a.username(), a.role());
    }

    /** A real access token from POST /api/auth/token. */
    protected String token(Account account) throws Exception {
        return tokens(account.username(), PASSWORD).get("accessToken").toString();
    }

    protected Map<?, ?> tokens(String username, String password) throws Exception {
        String body = mvc.perform(post("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("username", username, "password", password)))
                        .with(r -> {
                            // a fresh address per sign-in so the login rate limit does not interfere with setup
                            r.setRemoteAddr("10.1." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250));
                            return r;
                        }))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JSON.readValue(body, Map.class);
    }

    /** A portal session from a real form login (with its CSRF token), for the pages. */
    protected org.springframework.mock.web.MockHttpSession session(Account account) throws Exception {
        return (org.springframework.mock.web.MockHttpSession) mvc.perform(post("/login").param("username", account.username())
                        .param("password", PASSWORD)
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .with(r -> { r.setRemoteAddr("10.4.0." + (int) (Math.random() * 250)); return r; }))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession(false);
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    /** An upload row owned by the team, with one video of the athlete, as the upload service would leave it. */
    protected UUID[] uploadWithVideo(Team team, Account creator, Athlete athlete) {
        UUID upload = UUID.randomUUID();
        UUID video = UUID.randomUUID();
        jdbc.sql("INSERT INTO upload (id, team_id, created_by, status) VALUES (?, ?, ?, 'COMPLETED')")
                .params(upload, team.id(), creator.id()).update();
        jdbc.sql("INSERT INTO video (id, upload_id, position, original_name, storage_key, size_bytes, athlete_id,"
                        + " athlete_name, status) VALUES (?, ?, 0, 'clip.mp4', ?, 1, ?, ?, 'COMPLETED')")
                .params(video, upload, "uploads/" + upload + "/videos/" + video + "/original/clip.mp4", athlete.id(),
                        athlete.name()).update();
        return new UUID[] {upload, video};
    }
}
