package com.skillmirror.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhooks end to end on the real database with a real HTTP receiver on loopback (private targets allowed for it):
 * a real analysis job's end emits analysis_complete, analysis_error and upload_finished, each delivered once and
 * signed so that it verifies with the secret; a receiver that answers 500 twice gets a third attempt and the log
 * shows all three; who may see and change a team's webhooks.
 */
class WebhookDeliveryTest extends PortalTestSupport {

    static Receiver receiver;

    @BeforeAll
    static void receiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @DynamicPropertySource
    static void fastDeliveries(DynamicPropertyRegistry registry) {
        registry.add("skillmirror.webhooks.allow-private-targets", () -> "true");
        registry.add("skillmirror.webhooks.poll-interval", () -> "200ms");
        registry.add("skillmirror.webhooks.backoff-base", () -> "300ms");
        registry.add("skillmirror.webhooks.max-attempts", () -> "4");
        registry.add("skillmirror.webhooks.timeout", () -> "2s");
    }

    private Map<?, ?> register(String jwt, UUID teamId, String url, List<String> events, int expected) throws Exception {
        var response = mvc.perform(post("/api/teams/" + teamId + "/webhooks").header("Authorization", bearer(jwt))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("url", url, "events", events))))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(expected);
        return JSON.readValue(response.getContentAsString(), Map.class);
    }

    /** The receiver's check: HMAC-SHA256 under the secret of "t.body" is v1, in constant time. */
    static boolean verifies(Receiver.Request request, String secret) throws Exception {
        String header = request.header("X-SkillMirror-Signature");
        Map<String, String> parts = new HashMap<>();
        for (String part : header.split(",")) {
            String[] kv = part.split("=", 2);
            parts.put(kv[0], kv[1]);
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((parts.get("t") + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(request.body());
        return java.security.MessageDigest.isEqual(expected, java.util.HexFormat.of().parseHex(parts.get("v1")))
                && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(parts.get("t"))) < 600;
    }

    @Test
    void aRealJobsEndIsDeliveredSignedOncePerEvent() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        Athlete ana = athlete(team, "Ana " + UUID.randomUUID().toString().substring(0, 6));
        String jwt = token(coach);
        Map<?, ?> hook = register(jwt, team.id(), receiver.url("/ok"),
                List.of("analysis_complete", "analysis_error", "upload_finished"), 201);
        String secret = hook.get("secret").toString();
        assertThat(secret).startsWith("whsec_");
        // the list never shows the secret; the database holds it encrypted only
        String list = mvc.perform(get("/api/teams/" + team.id() + "/webhooks").header("Authorization", bearer(jwt)))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains(receiver.url("/ok")).doesNotContain(secret).doesNotContain("secret");
        assertThat(jdbc.sql("SELECT secret_encrypted FROM webhook WHERE id = ?").param(UUID.fromString(hook.get("id").toString()))
                .query(String.class).single()).doesNotContain(secret.substring(6));

        byte[] take = Files.readAllBytes(TestClips.excerpt(TestMedia.file("opencv_vtest_pedestrians.avi"),
                Files.createTempFile("walker", ".mp4"), 61.2, 2, "crop=480:320:150:256,scale=960:640"));
        byte[] notAVideo = new byte[4096];
        System.arraycopy(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 0, notAVideo, 0, 12);
        String created = mvc.perform(multipart("/api/uploads")
                        .file(new MockMultipartFile("files", "walk.mp4", "video/mp4", take))
                        .file(new MockMultipartFile("files", "broken.mp4", "video/mp4", notAVideo))
                        .param("teamId", team.id().toString()).param("athlete", ana.id().toString())
                        .param("athlete", ana.id().toString()).param("skill", "running-gait").param("skill", "running-gait")
                        .param("tagsFromFileNames", "false").header("Authorization", bearer(jwt)))
                .andReturn().getResponse().getContentAsString();
        UUID uploadId = UUID.fromString(JSON.readValue(created, Map.class).get("uploadId").toString());

        List<Receiver.Request> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 600_000;
        while (got.size() < 3 && System.currentTimeMillis() < deadline) {
            Receiver.Request r = receiver.next(5);
            if (r != null && r.path().equals("/ok")) {
                got.add(r);
            }
        }
        assertThat(jdbc.sql("SELECT status FROM upload WHERE id = ?").param(uploadId).query(String.class).single())
                .isEqualTo("PARTIAL");
        assertThat(got).hasSize(3);
        Map<String, Map<?, ?>> byEvent = new HashMap<>();
        for (Receiver.Request r : got) {
            assertThat(verifies(r, secret)).as("signature of " + r.header("X-SkillMirror-Event")).isTrue();
            assertThat(verifies(r, "whsec_someone-elses")).isFalse();
            Map<?, ?> body = JSON.readValue(r.body(), Map.class);
            assertThat(body.get("event")).isEqualTo(r.header("X-SkillMirror-Event"));
            assertThat(body.get("uploadId")).isEqualTo(uploadId.toString());
            assertThat(body.get("teamId")).isEqualTo(team.id().toString());
            assertThat(r.header("X-SkillMirror-Delivery")).matches("[0-9a-f-]{36}");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            // ids and statuses only: no athlete's name, no file name
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("Ana").doesNotContain("walk.mp4");
            byEvent.put(body.get("event").toString(), body);
        }
        assertThat(byEvent.keySet()).containsExactlyInAnyOrder("analysis_complete", "analysis_error", "upload_finished");
        assertThat(byEvent.get("analysis_complete").get("status")).isEqualTo("COMPLETED");
        assertThat(byEvent.get("analysis_error").get("status")).isEqualTo("FAILED");
        assertThat(byEvent.get("analysis_error").get("failedStage")).isEqualTo("decode");
        assertThat(byEvent.get("upload_finished").get("status")).isEqualTo("PARTIAL");
        assertThat(byEvent.get("upload_finished").get("failedVideos")).isEqualTo(1);
        // nothing is sent twice
        Thread.sleep(1500);
        assertThat(receiver.requests.stream().filter(r -> r.path().equals("/ok")).count()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_delivery WHERE webhook_id = ? AND status = 'DELIVERED' AND attempts = 1")
                .param(UUID.fromString(hook.get("id").toString())).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffAndTheLogShowsEachAttempt() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        String jwt = token(coach);
        Map<?, ?> hook = register(jwt, team.id(), receiver.url("/flaky"), List.of("upload_finished"), 201);
        Map<?, ?> dead = register(jwt, team.id(), receiver.url("/fail"), List.of("upload_finished"), 201);
        // the event as the job's listener writes it
        UUID eventId = UUID.randomUUID();
        jdbc.sql("INSERT INTO webhook_event (id, team_id, event, payload) VALUES (?, ?, 'upload_finished', ?)")
                .params(eventId, team.id(), "{\"event\":\"upload_finished\",\"id\":\"" + eventId + "\"}").update();
        String hookId = hook.get("id").toString();
        String deadId = dead.get("id").toString();
        List<Map<?, ?>> log = List.of();
        List<Map<?, ?>> deadLog = List.of();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            log = deliveries(jwt, team.id(), hookId);
            deadLog = deliveries(jwt, team.id(), deadId);
            if (!log.isEmpty() && log.get(0).get("status").equals("DELIVERED")
                    && !deadLog.isEmpty() && deadLog.get(0).get("status").equals("FAILED")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(log).hasSize(1);
        Map<?, ?> delivery = log.get(0);
        assertThat(delivery.get("status")).isEqualTo("DELIVERED");
        assertThat(delivery.get("attempts")).isEqualTo(3);
        List<?> attempts = (List<?>) delivery.get("log");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.stream().<Object>map(a -> ((Map<?, ?>) a).get("statusCode")).toList()).containsExactly(500, 500, 200);
        assertThat(((Map<?, ?>) attempts.get(0)).get("error")).isEqualTo("HTTP 500");
        assertThat(((Map<?, ?>) attempts.get(0)).get("nextAttemptAt")).isNotNull();
        assertThat(((Map<?, ?>) attempts.get(2)).get("nextAttemptAt")).isNull();
        // the second wait is three times the first (backoff 300 ms, then 900 ms), as recorded in the log
        java.time.Instant t1 = java.time.Instant.parse(((Map<?, ?>) attempts.get(0)).get("attemptedAt").toString());
        java.time.Instant n1 = java.time.Instant.parse(((Map<?, ?>) attempts.get(0)).get("nextAttemptAt").toString());
        java.time.Instant t2 = java.time.Instant.parse(((Map<?, ?>) attempts.get(1)).get("attemptedAt").toString());
        java.time.Instant n2 = java.time.Instant.parse(((Map<?, ?>) attempts.get(1)).get("nextAttemptAt").toString());
        assertThat(java.time.Duration.between(t1, n1).toMillis()).isEqualTo(300L);
        assertThat(java.time.Duration.between(t2, n2).toMillis()).isEqualTo(900L);
        // the receiver saw the same delivery id three times
        List<Receiver.Request> flaky = receiver.requests.stream().filter(r -> r.path().equals("/flaky")).toList();
        assertThat(flaky).hasSize(3);
        assertThat(flaky.stream().map(r -> r.header("X-SkillMirror-Delivery")).distinct().toList())
                .containsExactly(delivery.get("id").toString());
        // a receiver that always fails is given up after max-attempts (4 here)
        assertThat(deadLog.get(0).get("status")).isEqualTo("FAILED");
        assertThat(deadLog.get(0).get("attempts")).isEqualTo(4);
        assertThat((List<?>) deadLog.get(0).get("log")).hasSize(4);
        // only a short start of each answer is kept
        assertThat(jdbc.sql("SELECT max(length(response_start)) FROM webhook_attempt").query(Integer.class).single())
                .isLessThanOrEqualTo(200);
        receiver.requests.clear();

        // the portal page shows the log
        MockHttpSession session = session(coach);
        String page = mvc.perform(get("/teams/" + team.id() + "/webhooks").session(session)).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains(receiver.url("/flaky")).contains("DELIVERED").contains("FAILED").doesNotContain("<script")
                .doesNotContain("whsec_");
    }

    private List<Map<?, ?>> deliveries(String jwt, UUID teamId, String hookId) throws Exception {
        String body = mvc.perform(get("/api/teams/" + teamId + "/webhooks/" + hookId + "/deliveries")
                .header("Authorization", bearer(jwt))).andReturn().getResponse().getContentAsString();
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> list = JSON.readValue(body, List.class);
        return list;
    }

    @Test
    void onlyTheTeamsCoachesAndAdminsSeeAndChangeItsWebhooks() throws Exception {
        Account coach = user(Role.COACH);
        Account otherCoach = user(Role.COACH);
        Account expert = user(Role.EXPERT);
        Team team = team(coach);
        team(otherCoach);
        teams.addMember(team.id(), expert.id());
        String jwt = token(coach);
        Map<?, ?> hook = register(jwt, team.id(), receiver.url("/ok"), List.of("upload_finished"), 201);
        String base = "/api/teams/" + team.id() + "/webhooks";
        String other = token(otherCoach);
        String expertJwt = token(expert);
        assertThat(status(get(base), other)).isEqualTo(404);
        assertThat(status(get(base + "/" + hook.get("id") + "/deliveries"), other)).isEqualTo(404);
        assertThat(status(delete(base + "/" + hook.get("id")), other)).isEqualTo(404);
        register(other, team.id(), receiver.url("/ok"), List.of("upload_finished"), 404);
        assertThat(status(get(base), expertJwt)).isEqualTo(403);
        register(expertJwt, team.id(), receiver.url("/ok"), List.of("upload_finished"), 403);
        // bad requests
        register(jwt, team.id(), "ftp://127.0.0.1/x", List.of("upload_finished"), 400);
        register(jwt, team.id(), "http://user:pw@127.0.0.1/x", List.of("upload_finished"), 400);
        register(jwt, team.id(), receiver.url("/ok"), List.of("everything"), 400);
        register(jwt, team.id(), "https://" + "a".repeat(2100) + ".example/", List.of("upload_finished"), 400);
        // a read-scoped personal access token may list, not register or delete
        String pat = JSON.readValue(mvc.perform(post("/api/account/tokens").header("Authorization", bearer(jwt))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"ci\",\"scopes\":[\"read\",\"upload\"]}"))
                .andReturn().getResponse().getContentAsString(), Map.class).get("token").toString();
        assertThat(status(get(base), pat)).as("webhooks are refused to tokens, even to read").isEqualTo(403);
        assertThat(mvc.perform(post(base).header("Authorization", bearer(pat)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"" + receiver.url("/ok") + "\",\"events\":[\"upload_finished\"]}")).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(status(delete(base + "/" + hook.get("id")), pat)).isEqualTo(403);
        // pages: the other coach 404, the page's form needs its CSRF token
        assertThat(mvc.perform(get("/teams/" + team.id() + "/webhooks").session(session(otherCoach))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        MockHttpSession session = session(coach);
        assertThat(mvc.perform(post("/teams/" + team.id() + "/webhooks").session(session).param("url", receiver.url("/ok"))
                .param("events", "upload_finished")).andReturn().getResponse().getStatus()).isEqualTo(403);
        String page = mvc.perform(post("/teams/" + team.id() + "/webhooks").session(session).with(csrf())
                .param("url", receiver.url("/page")).param("events", "upload_finished")).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).containsPattern("whsec_[A-Za-z0-9_-]{43}");
        // the coach deletes it
        assertThat(status(delete(base + "/" + hook.get("id")), jwt)).isEqualTo(204);
        assertThat(status(delete(base + "/" + hook.get("id")), jwt)).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action IN ('WEBHOOK_CREATED', 'WEBHOOK_DELETED')"
                + " AND actor = ?").param(coach.username()).query(Long.class).single()).isEqualTo(3);
    }

    @org.springframework.beans.factory.annotation.Autowired
    WebhookDeliveries outbox;

    @Test
    void eventsPastTheRetentionGoWithTheirDeliveriesAndLogs() {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        UUID hook = UUID.randomUUID();
        jdbc.sql("INSERT INTO webhook (id, team_id, url, events, secret_encrypted) VALUES (?, ?, ?, 'upload_finished', 'x')")
                .params(hook, team.id(), receiver.url("/old")).update();
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        for (UUID event : List.of(old, recent)) {
            jdbc.sql("INSERT INTO webhook_event (id, team_id, event, payload, created_at) VALUES (?, ?, 'upload_finished',"
                    + " '{}', now() - make_interval(days => ?))").params(event, team.id(), event.equals(old) ? 31 : 29).update();
            jdbc.sql("INSERT INTO webhook_delivery (id, webhook_id, event_id, event, status, attempts) VALUES (?, ?, ?,"
                    + " 'upload_finished', 'DELIVERED', 1)").params(event, hook, event).update();
            jdbc.sql("INSERT INTO webhook_attempt (delivery_id, attempt, status_code) VALUES (?, 1, 200)").param(event).update();
        }
        assertThat(outbox.purge(java.time.Duration.ofDays(30))).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_event WHERE id IN (?, ?)").params(old, recent).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT event_id FROM webhook_delivery WHERE webhook_id = ?").param(hook).query(UUID.class)
                .list()).containsExactly(recent);
        assertThat(jdbc.sql("SELECT delivery_id FROM webhook_attempt WHERE delivery_id IN (?, ?)").params(old, recent)
                .query(UUID.class).list()).containsExactly(recent);
    }

    @Test
    void aReceiverThatStallsItsAnswerIsCutAtTheTimeoutAndTheSendersStayFree() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        String jwt = token(coach);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer stall = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        stall.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        stall.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0); // chunked: headers now, the body never ends
            exchange.getResponseBody().write("par".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                release.await(10, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        stall.start();
        try {
            String url = "http://127.0.0.1:" + stall.getAddress().getPort() + "/stall";
            Map<?, ?> hook = register(jwt, team.id(), url, List.of("upload_finished"), 201);
            jdbc.sql("INSERT INTO webhook_event (id, team_id, event, payload) VALUES (?, ?, 'upload_finished', '{}')")
                    .params(UUID.randomUUID(), team.id()).update();
            List<Map<?, ?>> log = List.of();
            long deadline = System.currentTimeMillis() + 300_000;
            while (System.currentTimeMillis() < deadline) {
                log = deliveries(jwt, team.id(), hook.get("id").toString());
                if (!log.isEmpty() && "FAILED".equals(log.get(0).get("status"))) {
                    break;
                }
                Thread.sleep(200);
            }
            // every attempt ended (none is stuck on the body) and is logged as timed out
            assertThat(log).hasSize(1);
            assertThat(log.get(0).get("status")).isEqualTo("FAILED");
            assertThat(((List<?>) log.get(0).get("log")).stream().map(a -> ((Map<?, ?>) a).get("error")).toList())
                    .hasSize(4).allMatch("Timed out"::equals);
            // and the senders are free: a following delivery still goes out
            register(jwt, team.id(), receiver.url("/after-stall"), List.of("upload_finished"), 201);
            jdbc.sql("INSERT INTO webhook_event (id, team_id, event, payload) VALUES (?, ?, 'upload_finished', '{}')")
                    .params(UUID.randomUUID(), team.id()).update();
            Receiver.Request after = null;
            long until = System.currentTimeMillis() + 120_000;
            while (after == null && System.currentTimeMillis() < until) {
                Receiver.Request r = receiver.next(5);
                if (r != null && r.path().equals("/after-stall")) {
                    after = r;
                }
            }
            assertThat(after).isNotNull();
        } finally {
            release.countDown();
            stall.stop(0);
            receiver.requests.removeIf(r -> r.path().equals("/after-stall"));
        }
    }

    private int status(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String token)
            throws Exception {
        return mvc.perform(request.header("Authorization", bearer(token))).andReturn().getResponse().getStatus();
    }
}
