package com.skillmirror.portal.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.Stage;
import com.skillmirror.portal.PortalTestSupport;
import com.skillmirror.portal.SkillMirrorApplication;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Team;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The live progress WebSocket through the real server: the portal's session cookie and the API's bearer token open
 * it for whoever may read the upload, everyone else is refused at the handshake; the first message is a snapshot of
 * the status, then each progress event as JSON with its emit time.
 */
@SpringBootTest(classes = SkillMirrorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveProgressTest extends PortalTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JwtEncoder signer;

    @Test
    void aSignedInCoachGetsTheSnapshotThenEveryEventAndAReconnectStartsWithASnapshotAgain() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        UUID[] ids = uploadWithVideo(team, coach, athlete(team, "Live Lia"));
        String cookie = sessionCookie(coach);

        Socket first = open("/web/uploads/" + ids[0] + "/live", Map.of("Cookie", cookie));
        Map<?, ?> snapshot = first.next();
        assertThat(snapshot.get("type")).isEqualTo("snapshot");
        assertThat(snapshot.get("status")).isEqualTo("COMPLETED");
        assertThat(snapshot.get("videos").toString()).contains(ids[1].toString());

        long before = System.currentTimeMillis();
        events.publishEvent(ProgressEvent.of(ProgressEvent.PROGRESS, ids[0], ids[1], Stage.POSE, 42, "frame 42 of 100"));
        Map<?, ?> event = first.next();
        assertThat(event.get("type")).isEqualTo("analysis_progress");
        assertThat(event.get("videoId")).isEqualTo(ids[1].toString());
        assertThat(event.get("stage")).isEqualTo("pose");
        assertThat(event.get("percent")).isEqualTo(42);
        assertThat(event.get("message")).isEqualTo("frame 42 of 100");
        // the sub-step, its fraction and the estimates (none made for an event published straight to the context)
        assertThat(event.get("step")).isEqualTo("pose");
        assertThat(((Number) event.get("fraction")).doubleValue()).isEqualTo(0.42);
        assertThat(((Number) event.get("etaSeconds")).longValue()).isZero();
        assertThat(((Number) event.get("uploadEtaSeconds")).longValue()).isZero();
        assertThat(((Number) event.get("timestampMs")).longValue()).isBetween(before, System.currentTimeMillis());
        // another upload's events do not reach this socket
        events.publishEvent(ProgressEvent.of(ProgressEvent.PROGRESS, UUID.randomUUID(), null, Stage.POSE, 1, "elsewhere"));
        // an end event is followed by a fresh snapshot
        events.publishEvent(ProgressEvent.of(ProgressEvent.COMPLETE, ids[0], null, null, 100, "COMPLETED"));
        assertThat(first.next().get("type")).isEqualTo("analysis_complete");
        assertThat(first.next().get("type")).isEqualTo("snapshot");
        first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

        Socket again = open("/web/uploads/" + ids[0] + "/live", Map.of("Cookie", cookie));
        assertThat(again.next().get("type")).isEqualTo("snapshot");
        again.socket.abort();
    }

    @org.springframework.test.context.DynamicPropertySource
    static void recheckOften(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("skillmirror.live.access-recheck", () -> "1s");
    }

    @Test
    void aStreamEndsWhenItsUserMayNoLongerSeeTheUpload() throws Exception {
        Account coach = user(Role.COACH);
        Account assistant = user(Role.COACH);
        Team team = team(coach);
        teams.addMember(team.id(), assistant.id());
        UUID[] ids = uploadWithVideo(team, coach, athlete(team, "Revoked Rob"));
        Socket owner = open("/api/uploads/" + ids[0] + "/live", Map.of("Authorization", bearer(token(coach))));
        Socket removed = open("/api/uploads/" + ids[0] + "/live", Map.of("Authorization", bearer(token(assistant))));
        assertThat(owner.next().get("type")).isEqualTo("snapshot");
        assertThat(removed.next().get("type")).isEqualTo("snapshot");

        jdbc.sql("DELETE FROM team_member WHERE team_id = ? AND user_id = ?").params(team.id(), assistant.id()).update();
        assertThat(removed.closed().get(10, TimeUnit.SECONDS)).as("close code").isEqualTo(1008);
        // the owner's stream goes on
        events.publishEvent(ProgressEvent.of(ProgressEvent.PROGRESS, ids[0], ids[1], Stage.DECODE, 50, "decoding"));
        assertThat(owner.next().get("type")).isEqualTo("analysis_progress");
        assertThat(owner.closed()).isNotDone();
        owner.socket.abort();
    }

    @Test
    void anApiStreamEndsWhenItsTokenExpires() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        UUID[] ids = uploadWithVideo(team, coach, athlete(team, "Expiring Eve"));
        // signed with the portal's own key, as POST /api/auth/token does, but valid for 3 seconds only
        Instant now = Instant.now();
        String shortLived = signer.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                JwtClaimsSet.builder().issuer("skillmirror").subject(coach.id().toString()).claim("role", "COACH")
                        .claim("cv", 0).issuedAt(now).expiresAt(now.plusSeconds(3)).build())).getTokenValue();
        Socket expiring = open("/api/uploads/" + ids[0] + "/live", Map.of("Authorization", bearer(shortLived)));
        Socket lasting = open("/api/uploads/" + ids[0] + "/live", Map.of("Authorization", bearer(token(coach))));
        assertThat(expiring.next().get("type")).isEqualTo("snapshot");
        assertThat(lasting.next().get("type")).isEqualTo("snapshot");
        // the coach may still see the upload, so only the token's end closes it
        assertThat(expiring.closed().get(15, TimeUnit.SECONDS)).as("close code").isEqualTo(1008);
        assertThat(lasting.closed()).isNotDone();
        lasting.socket.abort();
    }

    @Test
    void anApiStreamEndsWhenTheAccountsPasswordChanges() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        UUID[] ids = uploadWithVideo(team, coach, athlete(team, "Changing Cal"));
        Socket stream = open("/api/uploads/" + ids[0] + "/live", Map.of("Authorization", bearer(token(coach))));
        assertThat(stream.next().get("type")).isEqualTo("snapshot");
        accounts.changePassword(coach.id(), PASSWORD, "a different phrase entirely");
        assertThat(stream.closed().get(10, TimeUnit.SECONDS)).as("close code").isEqualTo(1008);
    }

    @Test
    void signingOutEndsThePagesSocketAtOnce() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        UUID[] ids = uploadWithVideo(team, coach, athlete(team, "Signing-out Sam"));
        String cookie = sessionCookie(coach);
        Socket page = open("/web/uploads/" + ids[0] + "/live", Map.of("Cookie", cookie));
        assertThat(page.next().get("type")).isEqualTo("snapshot");

        HttpClient http = HttpClient.newHttpClient();
        String home = http.send(HttpRequest.newBuilder(URI.create(base() + "/")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(home);
        assertThat(csrf.find()).as("the page carries its CSRF token").isTrue();
        HttpResponse<String> logout = http.send(HttpRequest.newBuilder(URI.create(base() + "/logout")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf.group(1)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isEqualTo(302);
        // the access re-check alone would keep it open: the coach may still see the upload, only the session ended
        assertThat(page.closed().get(5, TimeUnit.SECONDS)).as("close code").isEqualTo(1008);
    }

    @Test
    void theHandshakeIsRefusedToOtherTeamsToStrangersAndToOtherSites() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        UUID[] ids = uploadWithVideo(team, coach, athlete(team, "Private Pia"));
        String path = "/web/uploads/" + ids[0] + "/live";
        // another team's coach, signed in: the upload does not exist for them
        assertThat(refusal(path, Map.of("Cookie", sessionCookie(user(Role.COACH))))).isEqualTo(404);
        // nobody signed in: the portal sends the browser to the login page instead of upgrading
        assertThat(refusal(path, Map.of())).isEqualTo(302);
        // the owner's cookie, sent by another site's page: cross-site WebSocket hijacking is refused
        assertThat(refusal(path, Map.of("Cookie", sessionCookie(coach), "Origin", "http://evil.example"))).isEqualTo(403);
        // the API path wants a bearer token: none is 401, a stranger's is 404, the owner's opens
        String api = "/api/uploads/" + ids[0] + "/live";
        assertThat(refusal(api, Map.of())).isEqualTo(401);
        assertThat(refusal(api, Map.of("Authorization", bearer(token(user(Role.COACH)))))).isEqualTo(404);
        assertThat(refusal("/api/uploads/not-an-id/live", Map.of("Authorization", bearer(token(coach))))).isEqualTo(404);
        Socket owner = open(api, Map.of("Authorization", bearer(token(coach))));
        assertThat(owner.next().get("type")).isEqualTo("snapshot");
        owner.socket.abort();
        // a refusal says why, like the API's other errors
        HttpResponse<String> why = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + api))
                .header("Authorization", bearer(token(user(Role.COACH)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(why.statusCode()).isEqualTo(404);
        assertThat(why.body()).contains("\"error\"").contains("No upload " + ids[0]).contains("ask the team's coach");
    }

    /** A real form login over HTTP, as a browser does it: the login page's CSRF token, then the session cookie. */
    private String sessionCookie(Account account) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        String page = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        String form = "username=" + enc(account.username()) + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(c -> c.getName() + "=" + c.getValue()).findFirst().orElseThrow();
    }

    private int refusal(String path, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        Throwable failure = null;
        try {
            builder.buildAsync(URI.create("ws://localhost:" + port + path), new WebSocket.Listener() { }).join().abort();
        } catch (CompletionException e) {
            failure = e.getCause();
        }
        assertThat(failure).as("handshake of %s with %s", path, headers.keySet()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure).getResponse().statusCode();
    }

    private Socket open(String path, Map<String, String> headers) {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        WebSocket socket = builder.buildAsync(URI.create("ws://localhost:" + port + path), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        }).join();
        return new Socket(socket, messages, closed);
    }

    private record Socket(WebSocket socket, BlockingQueue<String> messages, java.util.concurrent.CompletableFuture<Integer> closed) {
        Map<?, ?> next() throws Exception {
            String text = messages.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a message within 10 s").isNotNull();
            return JSON.readValue(text, Map.class);
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
