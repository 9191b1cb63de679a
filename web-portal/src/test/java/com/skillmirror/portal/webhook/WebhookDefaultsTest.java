package com.skillmirror.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Team;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal with its default webhook settings (private targets not allowed): loopback and cloud-metadata URLs are
 * refused at registration, and a webhook that points inside anyway (written straight into the table, as an older
 * registration or a name that now resolves inside would be) is refused again before the send: its receiver on
 * loopback gets nothing and the log says why.
 */
class WebhookDefaultsTest extends PortalTestSupport {

    @Autowired
    WebhookSecrets secrets;

    @DynamicPropertySource
    static void fastPolls(DynamicPropertyRegistry registry) {
        registry.add("skillmirror.webhooks.poll-interval", () -> "200ms");
        registry.add("skillmirror.webhooks.backoff-base", () -> "200ms");
        registry.add("skillmirror.webhooks.max-attempts", () -> "2");
    }

    @Test
    void internalTargetsAreRefusedWhenRegisteredAndBeforeEachSend() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        String jwt = token(coach);
        try (Receiver receiver = new Receiver()) {
            for (String url : List.of(receiver.url("/ok"), "http://169.254.169.254/latest/meta-data/",
                    "http://localhost:" + receiver.url("/").split(":")[2], "http://[::1]/x", "http://10.1.2.3/x")) {
                var response = mvc.perform(post("/api/teams/" + team.id() + "/webhooks").header("Authorization", bearer(jwt))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("url", url, "events", List.of("upload_finished")))))
                        .andReturn().getResponse();
                assertThat(response.getStatus()).as(url).isEqualTo(400);
                assertThat(response.getContentAsString()).as(url).contains("internal address");
                if (url.contains("localhost")) {
                    // the host typed is named, the address it resolved to is not revealed
                    assertThat(response.getContentAsString()).contains("localhost").doesNotContain("127.0.0.1");
                }
            }
            assertThat(jdbc.sql("SELECT count(*) FROM webhook").query(Long.class).single()).isZero();

            UUID hook = UUID.randomUUID();
            jdbc.sql("INSERT INTO webhook (id, team_id, url, events, secret_encrypted) VALUES (?, ?, ?, 'upload_finished', ?)")
                    .params(hook, team.id(), receiver.url("/ok"), secrets.encrypt(WebhookSecrets.newSecret())).update();
            UUID event = UUID.randomUUID();
            jdbc.sql("INSERT INTO webhook_event (id, team_id, event, payload) VALUES (?, ?, 'upload_finished', '{}')")
                    .params(event, team.id()).update();
            String status = null;
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                status = jdbc.sql("SELECT status FROM webhook_delivery WHERE webhook_id = ?").param(hook)
                        .query(String.class).optional().orElse(null);
                if ("FAILED".equals(status)) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(status).isEqualTo("FAILED");
            assertThat(jdbc.sql("SELECT error FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id"
                    + " WHERE d.webhook_id = ? ORDER BY attempt").param(hook).query(String.class).list())
                    .hasSize(2).allMatch(e -> e.startsWith("Refused:") && e.contains("internal address"));
            assertThat(receiver.requests).isEmpty();
        }
    }
}
