package com.skillmirror.portal.security;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

/**
 * Password rules (at least 12 characters, at most 128, not common, not containing the username, each refusal saying
 * why) and the forced change of a password someone else chose (first admin, accounts an admin creates), on the
 * real application.
 */
class PasswordRulesTest extends PortalTestSupport {

    private static final String OWN = "velvet compass drizzle";

    @Test
    void weakPasswordsAreRefusedWithTheReason() throws Exception {
        Account coach = user(Role.COACH);
        String token = token(coach);
        Map<String, String> refused = Map.of(
                "aaaaaaaaaa", "at least 12 characters",
                "aaaaaaaaaaaa", "too easy to guess",
                "password1234", "most common passwords",
                "qwertyuiop123", "most common passwords",
                "my " + coach.username() + " secret", "contains the username",
                "x".repeat(60) + " long phrases stop " + "y".repeat(60), "at most 128 characters");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            mvc.perform(post("/api/me/password").header("Authorization", bearer(token)).contentType(MediaType.APPLICATION_JSON)
                            .content(JSON.writeValueAsString(Map.of("currentPassword", PASSWORD, "newPassword", e.getKey()))))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(containsString(e.getValue())));
        }
        Account admin = user(Role.ADMIN);
        mvc.perform(post("/api/users").header("Authorization", bearer(token(admin))).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"weak-one\",\"password\":\"password1234\",\"role\":\"COACH\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value(containsString("common passwords")));
        mvc.perform(post("/api/me/password").header("Authorization", bearer(token)).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("currentPassword", PASSWORD, "newPassword", OWN))))
                .andExpect(status().isNoContent());
    }

    @Test
    void longPassphrasesAreKeptWholeUpTo128Characters() throws Exception {
        // 64 accented characters are 128 bytes, 128 characters of ASCII are 128 bytes: both past bcrypt's 72-byte limit
        String accented = "éèàùçâêîôûëïüœæ ".repeat(4);
        String longest = "long phrases are fine ".repeat(6).substring(0, 127) + "!";
        String previous = PASSWORD;
        Account coach = user(Role.COACH);
        for (String next : new String[] {accented, longest}) {
            mvc.perform(post("/api/me/password").header("Authorization", bearer(tokens(coach.username(), previous)
                                    .get("accessToken").toString())).contentType(MediaType.APPLICATION_JSON)
                            .content(JSON.writeValueAsString(Map.of("currentPassword", previous, "newPassword", next))))
                    .andExpect(status().isNoContent());
            // the whole phrase counts: the same phrase with its last character changed does not sign in
            mvc.perform(post("/api/auth/token").contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(
                            Map.of("username", coach.username(), "password", next.substring(0, next.length() - 1) + "?"))))
                    .andExpect(status().isUnauthorized());
            previous = next;
        }
        org.assertj.core.api.Assertions.assertThat(tokens(coach.username(), longest).get("accessToken")).isNotNull();
    }

    @Test
    void theFirstAdminMustReplaceItsConfiguredPasswordBeforeAnythingElse() throws Exception {
        String bootstrap = tokens("root-admin", BOOTSTRAP_PASSWORD).get("accessToken").toString();
        mvc.perform(get("/api/users").header("Authorization", bearer(bootstrap))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value(containsString("Change your password first")));
        mvc.perform(get("/api/teams").header("Authorization", bearer(bootstrap))).andExpect(status().isForbidden());
        mvc.perform(get("/api/me").header("Authorization", bearer(bootstrap))).andExpect(status().isOk());

        MockHttpSession page = (MockHttpSession) mvc.perform(post("/login").param("username", "root-admin")
                        .param("password", BOOTSTRAP_PASSWORD).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession(false);
        mvc.perform(get("/").session(page)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/upload").session(page)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/account/password").session(page)).andExpect(status().isOk());
        mvc.perform(post("/account/password").session(page).with(csrf()).param("currentPassword", BOOTSTRAP_PASSWORD)
                        .param("newPassword", OWN))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Your password is changed.")));
        mvc.perform(get("/").session(page)).andExpect(status().isOk());
        String own = tokens("root-admin", OWN).get("accessToken").toString();
        mvc.perform(get("/api/users").header("Authorization", bearer(own))).andExpect(status().isOk());
    }

    @Test
    void anAccountAnAdminCreatedMustReplaceThatPasswordFirst() throws Exception {
        Account admin = user(Role.ADMIN);
        String given = "handed over phrase";
        mvc.perform(post("/api/users").header("Authorization", bearer(token(admin))).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("username", "made-coach", "password", given, "role", "COACH"))))
                .andExpect(status().isCreated());
        String first = tokens("made-coach", given).get("accessToken").toString();
        mvc.perform(get("/api/teams").header("Authorization", bearer(first))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value(containsString("POST /api/me/password")));
        mvc.perform(post("/api/me/password").header("Authorization", bearer(first)).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("currentPassword", given, "newPassword", OWN))))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/teams").header("Authorization", bearer(tokens("made-coach", OWN).get("accessToken").toString())))
                .andExpect(status().isOk());
    }
}
