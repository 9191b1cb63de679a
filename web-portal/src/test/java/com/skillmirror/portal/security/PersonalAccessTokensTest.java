package com.skillmirror.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.team.Team;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Personal access tokens through the real filter chains on the real database: created with a sign-in and shown once,
 * stored hashed, listed without their secret, held to their scopes and to their owner's current role, refused when
 * revoked, expired, tampered with or their owner gone, never a way into the pages; limits per account and per hour.
 */
class PersonalAccessTokensTest extends PortalTestSupport {

    @Autowired
    AccountRepository accountRows;

    @DynamicPropertySource
    static void smallLimits(DynamicPropertyRegistry registry) {
        registry.add("skillmirror.tokens.max-per-user", () -> "3");
        registry.add("skillmirror.tokens.create-per-hour", () -> "5");
    }

    private Map<?, ?> create(String jwt, String body, int expected) throws Exception {
        var response = mvc.perform(post("/api/account/tokens").header("Authorization", bearer(jwt))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(expected);
        return JSON.readValue(response.getContentAsString(), Map.class);
    }

    private String pat(String jwt, String... scopes) throws Exception {
        return create(jwt, JSON.writeValueAsString(Map.of("name", "ci " + UUID.randomUUID(), "scopes", List.of(scopes),
                "expiresInDays", 30)), 201).get("token").toString();
    }

    private int status(org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<?> request,
                       String token) throws Exception {
        return mvc.perform(request.header("Authorization", bearer(token))).andReturn().getResponse().getStatus();
    }

    private static MockMultipartFile clip() {
        return new MockMultipartFile("files", "clip.mp4", "video/mp4", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
    }

    @Test
    void aReadTokenReadsButCannotUploadCreateTokensOrWriteAndIsStoredHashed() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        String jwt = token(coach);
        Map<?, ?> created = create(jwt, "{\"name\":\"reporting\",\"scopes\":[\"read\"],\"expiresInDays\":30}", 201);
        String read = created.get("token").toString();
        assertThat(read).matches("smp_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        assertThat(created.get("scopes")).isEqualTo(List.of("read"));
        // stored as the SHA-256 of its secret only
        String secret = read.substring(21);
        assertThat(jdbc.sql("SELECT secret_hash FROM personal_access_token WHERE id = ?")
                .param(UUID.fromString(created.get("id").toString())).query(String.class).single())
                .isEqualTo(Hashes.sha256(secret));
        assertThat(jdbc.sql("SELECT count(*) FROM personal_access_token WHERE secret_hash LIKE ? OR public_id LIKE ?")
                .params("%" + secret + "%", "%" + secret + "%").query(Long.class).single()).isZero();
        // the list has no secret
        String list = mvc.perform(get("/api/account/tokens").header("Authorization", bearer(jwt))).andReturn()
                .getResponse().getContentAsString();
        assertThat(list).contains("reporting").contains(read.substring(4, 20)).doesNotContain(secret);

        assertThat(status(get("/api/teams/" + team.id()), read)).isEqualTo(200);
        assertThat(status(get("/api/me"), read)).isEqualTo(200);
        assertThat(jdbc.sql("SELECT last_used_at IS NOT NULL FROM personal_access_token WHERE id = ?")
                .param(UUID.fromString(created.get("id").toString())).query(Boolean.class).single()).isTrue();
        assertThat(status(multipart("/api/uploads").file(clip()).param("teamId", team.id().toString()), read)).isEqualTo(403);
        assertThat(status(multipart("/upload-video").file(new MockMultipartFile("file", "c.mp4", "video/mp4",
                new byte[] {0, 0, 0, 24})).param("teamId", team.id().toString()), read)).isEqualTo(403);
        assertThat(status(post("/api/account/tokens").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"scopes\":[\"read\"]}"), read)).isEqualTo(403);
        assertThat(status(get("/api/account/tokens"), read)).isEqualTo(403);
        assertThat(status(post("/api/videos/" + UUID.randomUUID() + "/notes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"timeMs\":0,\"kind\":\"TEXT\",\"text\":\"x\"}"), read)).isEqualTo(403);
        assertThat(status(post("/api/teams/" + team.id() + "/athletes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"N\"}"), read)).isEqualTo(403);
        assertThat(status(post("/api/me/password").contentType(MediaType.APPLICATION_JSON)
                .content("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"another long phrase\"}"), read))
                .isEqualTo(403);
        assertThat(status(get("/api/users"), read)).isEqualTo(403);
        // the refusals are audited with the public id, never the secret
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'TOKEN_REFUSED' AND target = ?")
                .param("token:" + read.substring(4, 20)).query(Long.class).single()).isGreaterThanOrEqualTo(7);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE detail LIKE ? OR target LIKE ?")
                .params("%" + secret + "%", "%" + secret + "%").query(Long.class).single()).isZero();

        // an upload token uploads into the coach's team (the analysis of this non-video fails later; the upload is taken)
        String upload = pat(jwt, "upload");
        assertThat(status(multipart("/api/uploads").file(clip()).param("teamId", team.id().toString()), upload)).isEqualTo(202);
        assertThat(status(get("/api/teams/" + team.id()), upload)).as("upload without read").isEqualTo(403);
    }

    @Test
    void revokedExpiredTamperedOrOrphanedTokensAre401AndPagesNeverTakeATokenAndAPasswordChangeKeepsThem() throws Exception {
        Account coach = user(Role.COACH);
        String jwt = token(coach);
        Map<?, ?> created = create(jwt, "{\"name\":\"soon revoked\",\"scopes\":[\"read\"],\"expiresInDays\":1}", 201);
        String revoked = created.get("token").toString();
        assertThat(status(get("/api/teams"), revoked)).isEqualTo(200);
        assertThat(mvc.perform(delete("/api/account/tokens/" + created.get("id")).header("Authorization", bearer(jwt)))
                .andReturn().getResponse().getStatus()).isEqualTo(204);
        assertThat(status(get("/api/teams"), revoked)).isEqualTo(401);
        // someone else's token cannot be revoked by id
        Account other = user(Role.COACH);
        Map<?, ?> his = create(token(other), "{\"name\":\"his\",\"scopes\":[\"read\"],\"expiresInDays\":5}", 201);
        assertThat(mvc.perform(delete("/api/account/tokens/" + his.get("id")).header("Authorization", bearer(jwt)))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(status(get("/api/teams"), his.get("token").toString())).isEqualTo(200);

        String expiring = pat(jwt, "read");
        jdbc.sql("UPDATE personal_access_token SET expires_at = now() - interval '1 second' WHERE public_id = ?")
                .param(expiring.substring(4, 20)).update();
        assertThat(status(get("/api/teams"), expiring)).isEqualTo(401);

        String good = pat(jwt, "read");
        assertThat(status(get("/api/teams"), good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A"))).isEqualTo(401);
        assertThat(status(get("/api/teams"), "smp_nothex0000000000_x")).isEqualTo(401);
        assertThat(status(get("/api/teams"), "smp_" + "a".repeat(500))).isEqualTo(401);
        // never on the pages: a token is no sign-in there
        int page = mvc.perform(get("/web/teams").header("Authorization", bearer(good))).andReturn().getResponse().getStatus();
        assertThat(page).isNotEqualTo(200);
        assertThat(mvc.perform(get("/account/tokens").header("Authorization", bearer(good))).andReturn().getResponse()
                .getStatus()).isEqualTo(302);
        // a password change ends sessions and JWTs, not tokens (meant for unattended clients; revoke them instead)
        accounts.changePassword(coach.id(), PASSWORD, "a brand new phrase here");
        assertThat(status(get("/api/teams"), good)).isEqualTo(200);
        // a deleted owner's tokens end with the account
        Account athlete = user(Role.ATHLETE);
        String hers = pat(token(athlete), "read");
        assertThat(status(get("/api/teams"), hers)).isEqualTo(200);
        accountRows.deleteAthleteAccount(athlete.id());
        assertThat(status(get("/api/teams"), hers)).isEqualTo(401);
    }

    @Test
    void theAdminScopeIsForAdminsAndEndsWithTheRole() throws Exception {
        Account coach = user(Role.COACH);
        create(token(coach), "{\"name\":\"mine\",\"scopes\":[\"admin\"],\"expiresInDays\":5}", 403);
        Account admin = user(Role.ADMIN);
        String jwt = token(admin);
        String adminToken = pat(jwt, "admin", "read");
        String readOnly = pat(jwt, "read");
        assertThat(status(get("/api/users"), adminToken)).isEqualTo(200);
        assertThat(status(get("/api/users"), readOnly)).isEqualTo(403);
        accountRows.changeRole(admin.id(), Role.COACH);
        assertThat(status(get("/api/users"), adminToken)).as("a downgraded owner").isEqualTo(403);
        assertThat(status(get("/api/teams"), adminToken)).as("still reads as a coach").isEqualTo(200);
    }

    @Test
    void limitsPerAccountAndPerHourAndRequestChecks() throws Exception {
        Account coach = user(Role.COACH);
        String jwt = token(coach);
        create(jwt, "{\"name\":\"x\",\"scopes\":[\"read\"],\"expiresInDays\":366}", 400);
        create(jwt, "{\"name\":\"x\",\"scopes\":[\"write\"],\"expiresInDays\":3}", 400);
        create(jwt, "{\"name\":\"\",\"scopes\":[\"read\"],\"expiresInDays\":3}", 400);
        create(jwt, "{\"name\":\"x\",\"scopes\":[],\"expiresInDays\":3}", 400);
        create(jwt, "{\"name\":\"" + "n".repeat(5000) + "\",\"scopes\":[\"read\"]}", 400);
        Map<?, ?> first = create(jwt, "{\"name\":\"1\",\"scopes\":[\"read\"],\"expiresInDays\":3}", 201);
        create(jwt, "{\"name\":\"2\",\"scopes\":[\"read\"],\"expiresInDays\":3}", 201);
        create(jwt, "{\"name\":\"3\",\"scopes\":[\"read\"],\"expiresInDays\":3}", 201);
        create(jwt, "{\"name\":\"4\",\"scopes\":[\"read\"],\"expiresInDays\":3}", 409);
        mvc.perform(delete("/api/account/tokens/" + first.get("id")).header("Authorization", bearer(jwt)));
        create(jwt, "{\"name\":\"4\",\"scopes\":[\"read\"],\"expiresInDays\":3}", 201);
        jdbc.sql("UPDATE personal_access_token SET revoked_at = now() WHERE user_id = ?").param(coach.id()).update();
        create(jwt, "{\"name\":\"5\",\"scopes\":[\"read\"],\"expiresInDays\":3}", 201);
        create(jwt, "{\"name\":\"6\",\"scopes\":[\"read\"],\"expiresInDays\":3}", 429);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'TOKEN_CREATED' AND actor = ?")
                .param(coach.username()).query(Long.class).single()).isEqualTo(5);
    }

    @Test
    void thePageCreatesShowsOnceListsAndRevokes() throws Exception {
        Account coach = user(Role.COACH);
        MockHttpSession session = session(coach);
        String page = mvc.perform(get("/account/tokens").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"token-form\"").doesNotContain("value=\"admin\"").doesNotContain("<script");
        String after = mvc.perform(post("/account/tokens").session(session).with(csrf()).param("name", "laptop")
                .param("scopes", "read").param("expiresInDays", "7")).andReturn().getResponse().getContentAsString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("smp_[0-9a-f]{16}_[A-Za-z0-9_-]{43}").matcher(after);
        assertThat(m.find()).isTrue();
        String token = m.group();
        assertThat(status(get("/api/teams"), token)).isEqualTo(200);
        String again = mvc.perform(get("/account/tokens").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("laptop").contains(token.substring(0, 20)).doesNotContain(token.substring(21));
        // without the CSRF token nothing is created
        assertThat(mvc.perform(post("/account/tokens").session(session).param("name", "x").param("scopes", "read")
                .param("expiresInDays", "7")).andReturn().getResponse().getStatus()).isEqualTo(403);
        UUID id = jdbc.sql("SELECT id FROM personal_access_token WHERE user_id = ?").param(coach.id()).query(UUID.class).single();
        mvc.perform(post("/account/tokens/" + id + "/revoke").session(session).with(csrf()));
        assertThat(status(get("/api/teams"), token)).isEqualTo(401);
        // the same through /web with the session and its CSRF token
        var created = mvc.perform(post("/web/account/tokens").session(session).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"xhr\",\"scopes\":[\"read\"],\"expiresInDays\":2}")).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void encodedPathsAreMatchedDecodedWebhooksAreRefusedAndMadeUpIdsAreNotAudited() throws Exception {
        Account admin = user(Role.ADMIN);
        String jwt = token(admin);
        String read = pat(jwt, "read");
        // scopes are held to the decoded path the handlers see, not the raw URI
        assertThat(status(get(java.net.URI.create("/api/%75sers")), read)).as("admin endpoint spelled encoded").isEqualTo(403);
        assertThat(status(get(java.net.URI.create("/api/%61ccount/tokens")), read)).as("token list spelled encoded")
                .isEqualTo(403);
        assertThat(status(get("/api/users"), pat(jwt, "read", "admin"))).isEqualTo(200);
        // webhooks are never a token's business, not even to read
        Account coach = user(Role.COACH);
        Team team = team(coach);
        String coachJwt = token(coach);
        String coachRead = pat(coachJwt, "read");
        assertThat(status(get("/api/teams/" + team.id() + "/webhooks"), coachRead)).isEqualTo(403);
        assertThat(status(get("/api/teams/" + team.id() + "/webhooks/" + UUID.randomUUID() + "/deliveries"), coachRead))
                .isEqualTo(403);
        assertThat(mvc.perform(get("/api/teams/" + team.id() + "/webhooks").header("Authorization", bearer(coachJwt)))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        // a made-up public id is 401 and writes nothing; a known one that is refused is audited
        long before = jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single();
        for (int i = 0; i < 5; i++) {
            assertThat(status(get("/api/teams"), "smp_0123456789abcde" + i + "_madeUpSecretValue")).isEqualTo(401);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single()).isEqualTo(before);
        assertThat(status(get("/api/teams"), read.substring(0, read.length() - 1) + (read.endsWith("A") ? "B" : "A")))
                .isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'TOKEN_REFUSED' AND target = ?")
                .param("token:" + read.substring(4, 20)).query(Long.class).single()).isGreaterThanOrEqualTo(1);

        // an admin's sign-out everywhere ends the account's tokens too (a compromise response); so does a role change
        Account signedOut = user(Role.COACH);
        String his = pat(token(signedOut), "read");
        assertThat(status(get("/api/teams"), his)).isEqualTo(200);
        assertThat(mvc.perform(post("/api/users/" + signedOut.id() + "/sign-out").header("Authorization", bearer(jwt)))
                .andReturn().getResponse().getStatus()).isEqualTo(204);
        assertThat(status(get("/api/teams"), his)).isEqualTo(401);
        Account demoted = user(Role.COACH);
        String hers = pat(token(demoted), "read");
        assertThat(status(get("/api/teams"), hers)).isEqualTo(200);
        assertThat(mvc.perform(put("/api/users/" + demoted.id() + "/role").header("Authorization", bearer(jwt))
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"ATHLETE\"}")).andReturn().getResponse()
                .getStatus()).isEqualTo(200);
        assertThat(status(get("/api/teams"), hers)).isEqualTo(401);
    }
}
