package com.skillmirror.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

/**
 * A password change, a role change, an account's deletion and an admin's sign-out everywhere end what was signed in
 * before (access tokens, refresh tokens, other page sessions), on the real application.
 */
class AccountSessionsTest extends PortalTestSupport {

    private static final String NEW_PASSWORD = "lantern orbit meadow quiet";

    @Test
    void accessTokensIssuedBeforeAPasswordChangeAreRefused() throws Exception {
        Account coach = user(Role.COACH);
        String before = token(coach);
        String changer = token(coach);
        mvc.perform(get("/api/me").header("Authorization", bearer(before))).andExpect(status().isOk());
        mvc.perform(post("/api/me/password").header("Authorization", bearer(changer)).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/me").header("Authorization", bearer(before))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/teams").header("Authorization", bearer(changer))).andExpect(status().isUnauthorized());
        String after = tokens(coach.username(), NEW_PASSWORD).get("accessToken").toString();
        mvc.perform(get("/api/me").header("Authorization", bearer(after))).andExpect(status().isOk());
    }

    @Test
    void aPasswordChangeOnAPageEndsTheOtherPageSessionsButNotItsOwn() throws Exception {
        Account coach = user(Role.COACH);
        MockHttpSession laptop = session(coach);
        MockHttpSession stolen = session(coach);
        mvc.perform(get("/account/password").session(stolen)).andExpect(status().isOk());
        mvc.perform(post("/account/password").session(laptop).with(csrf()).param("currentPassword", PASSWORD)
                        .param("newPassword", NEW_PASSWORD))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("Your password is changed.")));
        mvc.perform(get("/account/password").session(stolen)).andExpect(redirectedUrl("/login?expired"));
        assertThat(stolen.isInvalid()).isTrue();
        mvc.perform(get("/account/password").session(laptop)).andExpect(status().isOk());
        mvc.perform(get("/account/password").session(session(coach, NEW_PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void aDeletedAccountsTokenIsRefusedAndItsRoleClaimIsNotTrusted() throws Exception {
        Account admin = user(Role.ADMIN);
        String adminToken = token(admin);
        mvc.perform(get("/api/users").header("Authorization", bearer(adminToken))).andExpect(status().isOk());
        jdbc.sql("DELETE FROM app_user WHERE id = ?").param(admin.id()).update();
        // the token's role claim still says ADMIN: the account row decides, and there is none
        mvc.perform(get("/api/users").header("Authorization", bearer(adminToken))).andExpect(status().isUnauthorized());

        // the same through the portal's own deletion (privacy erase of an athlete with an account)
        Account coach = user(Role.COACH);
        Team team = team(coach);
        Athlete athlete = athlete(team, "Leaving Lou");
        Account lou = user(Role.ATHLETE);
        jdbc.sql("UPDATE athlete SET user_id = ? WHERE id = ?").params(lou.id(), athlete.id()).update();
        String louToken = token(lou);
        MockHttpSession louPage = session(lou);
        mvc.perform(get("/api/me").header("Authorization", bearer(louToken))).andExpect(status().isOk());
        mvc.perform(delete("/api/athletes/" + athlete.id()).header("Authorization", bearer(token(coach))))
                .andExpect(status().is2xxSuccessful());
        mvc.perform(get("/api/me").header("Authorization", bearer(louToken))).andExpect(status().isUnauthorized());
        mvc.perform(get("/account/password").session(louPage)).andExpect(redirectedUrl("/login?expired"));
    }

    @Test
    void theRoleUsedIsTheAccountsRoleNowAndARoleChangeEndsOldSignIns() throws Exception {
        Account admin = user(Role.ADMIN);
        Account other = user(Role.ADMIN);
        String adminToken = token(admin);
        String otherToken = token(other);
        MockHttpSession otherPage = session(other);
        mvc.perform(get("/api/users").header("Authorization", bearer(otherToken))).andExpect(status().isOk());

        // changed behind the portal's back (no new credentials version): the next request already has the new role
        jdbc.sql("UPDATE app_user SET role = 'COACH' WHERE id = ?").param(other.id()).update();
        mvc.perform(get("/api/users").header("Authorization", bearer(otherToken))).andExpect(status().isForbidden());
        jdbc.sql("UPDATE app_user SET role = 'ADMIN' WHERE id = ?").param(other.id()).update();
        mvc.perform(get("/api/users").header("Authorization", bearer(otherToken))).andExpect(status().isOk());

        // through the admin API: the old token and page session end, a new sign-in carries the new role
        mvc.perform(put("/api/users/" + other.id() + "/role").header("Authorization", bearer(adminToken))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"COACH\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.role").value("COACH"));
        mvc.perform(get("/api/users").header("Authorization", bearer(otherToken))).andExpect(status().isUnauthorized());
        mvc.perform(get("/account/password").session(otherPage)).andExpect(redirectedUrl("/login?expired"));
        String coachToken = tokens(other.username(), PASSWORD).get("accessToken").toString();
        mvc.perform(get("/api/me").header("Authorization", bearer(coachToken))).andExpect(jsonPath("$.role").value("COACH"));
        mvc.perform(get("/api/users").header("Authorization", bearer(coachToken))).andExpect(status().isForbidden());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'ROLE_CHANGED' AND actor = ?")
                .param(admin.username()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anAdminSignsAnAccountOutEverywhere() throws Exception {
        Account admin = user(Role.ADMIN);
        Account coach = user(Role.COACH);
        Map<?, ?> coachTokens = tokens(coach.username(), PASSWORD);
        MockHttpSession coachPage = session(coach);
        mvc.perform(post("/api/users/" + coach.id() + "/sign-out").header("Authorization", bearer(token(admin))))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/me").header("Authorization", bearer(coachTokens.get("accessToken").toString())))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("refreshToken", coachTokens.get("refreshToken")))))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/account/password").session(coachPage)).andExpect(redirectedUrl("/login?expired"));
        mvc.perform(post("/api/users/" + java.util.UUID.randomUUID() + "/sign-out").header("Authorization", bearer(token(admin))))
                .andExpect(status().isNotFound());
    }

    private MockHttpSession session(Account account, String password) throws Exception {
        return (MockHttpSession) mvc.perform(post("/login").param("username", account.username()).param("password", password)
                        .with(csrf()).with(r -> {
                            r.setRemoteAddr("10.5.0." + (int) (Math.random() * 250));
                            return r;
                        }))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession(false);
    }
}
