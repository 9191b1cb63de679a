package com.skillmirror.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** Accounts, tokens, form login, CSRF, rate limiting and the audit trail, on the real application. */
class SecurityTest extends PortalTestSupport {

    @Test
    void apiWithoutTokenIs401JsonAndHealthIsPublic() throws Exception {
        mvc.perform(get("/api/teams")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("Bearer")));
        mvc.perform(get("/api/uploads/" + java.util.UUID.randomUUID())).andExpect(status().isUnauthorized());
        mvc.perform(get("/health")).andExpect(status().isOk()).andExpect(jsonPath("$.database").value("up"));
    }

    @Test
    void firstAdminComesFromConfigurationWithAHashedPassword() throws Exception {
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = 'root-admin' AND role = 'ADMIN'")
                .query(String.class).single();
        assertThat(hash).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$").doesNotContain("bootstrap");
        String admin = tokens("root-admin", rootAdminPassword()).get("accessToken").toString();
        mvc.perform(get("/api/users").header("Authorization", bearer(admin))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.username == 'root-admin')].role").value("ADMIN"));
        Account coach = user(Role.COACH);
        mvc.perform(get("/users/").header("Authorization", bearer(token(coach)))).andExpect(status().isForbidden());
        mvc.perform(post("/api/users").header("Authorization", bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"new-coach\",\"password\":\"long enough pw\",\"role\":\"COACH\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.role").value("COACH"));
        mvc.perform(post("/api/users").header("Authorization", bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"short-pw\",\"password\":\"short\",\"role\":\"COACH\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() throws Exception {
        Account coach = user(Role.COACH);
        Map<?, ?> session = tokens(coach.username(), PASSWORD);
        String access = session.get("accessToken").toString();
        mvc.perform(post("/api/me/password").header("Authorization", bearer(access)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"not it at all\",\"newPassword\":\"a brand new secret\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/me/password").header("Authorization", bearer(access)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a brand new secret\"}"))
                .andExpect(status().isNoContent());
        refresh(session.get("refreshToken").toString(), 401);
        mvc.perform(post("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + coach.username() + "\",\"password\":\"" + PASSWORD + "\"}"))
                .andExpect(status().isUnauthorized());
        assertThat(tokens(coach.username(), "a brand new secret").get("accessToken")).isNotNull();

        // the same from the page, as the first admin does with the printed one-time password
        MockHttpSession page = (MockHttpSession) mvc.perform(post("/login").param("username", coach.username())
                        .param("password", "a brand new secret").with(csrf()))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);
        mvc.perform(post("/account/password").session(page).param("currentPassword", "a brand new secret")
                        .param("newPassword", "third secret here"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/account/password").session(page).with(csrf()).param("currentPassword", "a brand new secret")
                        .param("newPassword", "third secret here"))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("Your password is changed.")));
        assertThat(tokens(coach.username(), "third secret here").get("accessToken")).isNotNull();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'PASSWORD_CHANGED' AND actor = ?")
                .param(coach.username()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void wrongPasswordIs401AndAudited() throws Exception {
        Account coach = user(Role.COACH);
        mvc.perform(post("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + coach.username() + "\",\"password\":\"wrong password\"}"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.error").value("Wrong username or password."));
        token(coach);
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE actor = ? ORDER BY id").param(coach.username())
                .query(String.class).list()).containsExactly("LOGIN_FAILED", "LOGIN");
    }

    @Test
    void tokenCarriesTheRoleAndATamperedTokenIsRefused() throws Exception {
        Account expert = user(Role.EXPERT);
        String token = token(expert);
        mvc.perform(get("/api/me").header("Authorization", bearer(token))).andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("EXPERT")).andExpect(jsonPath("$.username").value(expert.username()));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("EXPERT", "ADMIN").getBytes()) + "." + parts[2];
        mvc.perform(get("/api/me").header("Authorization", bearer(forged))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/users").header("Authorization", bearer(forged))).andExpect(status().isUnauthorized());
    }

    @Test
    void refreshTokensRotateAreStoredHashedAndReuseRevokesTheFamily() throws Exception {
        Account coach = user(Role.COACH);
        Map<?, ?> first = tokens(coach.username(), PASSWORD);
        String refresh1 = first.get("refreshToken").toString();
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_token WHERE token_hash = ?").param(refresh1).query(Long.class).single())
                .isZero();
        Map<?, ?> second = refresh(refresh1, 200);
        String refresh2 = second.get("refreshToken").toString();
        assertThat(refresh2).isNotEqualTo(refresh1);
        mvc.perform(get("/api/me").header("Authorization", bearer(second.get("accessToken").toString())))
                .andExpect(status().isOk());
        // replaying the used token: refused, and the token rotated from it is revoked too
        assertThat(refresh(refresh1, 401).get("error").toString()).contains("already used");
        refresh(refresh2, 401);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'TOKEN_REUSE'").query(Long.class).single()).isPositive();

        Map<?, ?> other = tokens(coach.username(), PASSWORD);
        mvc.perform(post("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .content("{\"refreshToken\":\"" + other.get("refreshToken") + "\"}")).andExpect(status().isNoContent());
        refresh(other.get("refreshToken").toString(), 401);
        refresh("made-up-token", 401);
    }

    private Map<?, ?> refresh(String token, int expected) throws Exception {
        String body = mvc.perform(post("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refreshToken\":\"" + token + "\"}"))
                .andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
        return JSON.readValue(body, Map.class);
    }

    @Test
    void formLoginNeedsCsrfStartsASessionAndTheApiIgnoresSessions() throws Exception {
        Account coach = user(Role.COACH);
        mvc.perform(get("/")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(
                org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
        mvc.perform(post("/login").param("username", coach.username()).param("password", PASSWORD))
                .andExpect(status().isForbidden());
        mvc.perform(post("/login").param("username", coach.username()).param("password", "nope nope nope").with(csrf()))
                .andExpect(redirectedUrl("/login?error"));
        MvcResult ok = mvc.perform(post("/login").param("username", coach.username()).param("password", PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/")).andReturn();
        MockHttpSession session = (MockHttpSession) ok.getRequest().getSession(false);
        mvc.perform(get("/").session(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(coach.username())));
        mvc.perform(get("/api/teams").session(session)).andExpect(status().isUnauthorized());
        // the pages' own JSON endpoints take the session, and their POSTs need the CSRF token
        mvc.perform(get("/web/teams").session(session)).andExpect(status().isOk());
        mvc.perform(post("/web/teams").session(session).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/web/teams").session(session).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\"}")).andExpect(status().isCreated());
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE actor = ? ORDER BY id").param(coach.username())
                .query(String.class).list()).containsExactly("LOGIN_FAILED", "LOGIN");
    }

    @Test
    void signInAttemptsAreRateLimitedPerAddressWithA429() throws Exception {
        for (int i = 0; i < 10; i++) {
            mvc.perform(post("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"username\":\"nobody-" + i + "\",\"password\":\"guess " + i + "\"}")
                            .with(r -> { r.setRemoteAddr("192.0.2.7"); return r; }))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(post("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"nobody\",\"password\":\"guess\"}")
                        .with(r -> { r.setRemoteAddr("192.0.2.7"); return r; }))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("Too many sign-in attempts")));
        // the form shares the same budget for that address
        mvc.perform(post("/login").param("username", "nobody").param("password", "x").with(csrf())
                        .with(r -> { r.setRemoteAddr("192.0.2.7"); return r; }))
                .andExpect(status().isTooManyRequests());
        // another address is not affected (for an account that was not guessed at: accounts have limits of their own)
        mvc.perform(post("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"somebody\",\"password\":\"guess\"}")
                        .with(r -> { r.setRemoteAddr("192.0.2.8"); return r; }))
                .andExpect(status().isUnauthorized());
    }
}
