package com.skillmirror.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outside audit's findings (issue 10), each replayed against the real server over real HTTP: what broke in
 * before must now be refused, and what a user legitimately does must still work.
 */
@SpringBootTest(classes = SkillMirrorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityAuditTest extends PortalTestSupport {

    private static final int MAX_FILES = 60;
    private static final int COMPARES_PER_MINUTE = 2;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("skillmirror.upload.max-files", () -> Integer.toString(MAX_FILES));
        registry.add("skillmirror.security.compare-per-minute", () -> Integer.toString(COMPARES_PER_MINUTE));
        // as deployed behind a reverse proxy: the tests play the proxy, setting the client address and scheme
        registry.add("server.forward-headers-strategy", () -> "native");
    }

    // item 1: a general athlete invite accepted with a username equal to a roster name took over that athlete
    @Test
    void aGeneralInviteNeverHandsOverAnotherAthletesRecord() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        Athlete ana = athlete(team, "Ana");
        Account anaAccount = user(Role.ATHLETE);
        assertThat(teams.linkUnclaimed(ana.id(), anaAccount.id())).isTrue();
        UUID[] anasVideo = uploadWithVideo(team, coach, ana);

        Browser attacker = new Browser();
        String invite = attacker.invite(token(coach), team.id(), null);
        HttpResponse<String> refused = attacker.acceptInvite(invite, "Ana", "attacker's long passphrase");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("already has an athlete called");
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE username = 'Ana'").query(Long.class).single()).isZero();
        assertThat(teams.athlete(ana.id()).orElseThrow().userId()).isEqualTo(anaAccount.id());

        // the same invite (unused, as the refusal rolled back) with another name: a roster entry of its own
        assertThat(attacker.acceptInvite(invite, "Ana2", "attacker's long passphrase").statusCode()).isEqualTo(302);
        String attackerToken = tokens("Ana2", "attacker's long passphrase").get("accessToken").toString();
        assertThat(api("GET", "/api/athletes/" + ana.id(), attackerToken).statusCode()).isIn(403, 404);
        assertThat(api("GET", "/api/videos/" + anasVideo[1] + "/report.html", attackerToken).statusCode()).isIn(403, 404);
        assertThat(jdbc.sql("SELECT count(*) FROM athlete a JOIN app_user u ON u.id = a.user_id WHERE u.username = 'Ana2'"
                + " AND a.team_id = ? AND a.id <> ?").params(team.id(), ana.id()).query(Long.class).single()).isOne();
        // item 7: the account made through the invite is in the audit log, with where it came from
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'USER_CREATED' AND actor = 'Ana2'")
                .query(String.class).single()).contains("invite").contains("127.0.0.1");
    }

    // item 1: two invites for one roster entry: the second can no longer overwrite the first account's link
    @Test
    void aSecondInviteForAnAthleteWithAnAccountCreatesNothing() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        Athlete ben = athlete(team, "Ben");
        Browser browser = new Browser();
        String first = browser.invite(token(coach), team.id(), ben.id());
        String second = browser.invite(token(coach), team.id(), ben.id());
        assertThat(browser.acceptInvite(first, "ben-real", "ben's own long passphrase").statusCode()).isEqualTo(302);
        UUID bensAccount = teams.athlete(ben.id()).orElseThrow().userId();

        HttpResponse<String> again = new Browser().acceptInvite(second, "ben-impostor", "impostor's long passphrase");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already has an account");
        assertThat(teams.athlete(ben.id()).orElseThrow().userId()).isEqualTo(bensAccount);
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE username = 'ben-impostor'").query(Long.class).single()).isZero();
    }

    // item 2: POST /%6cogin was form login without the rate limit
    @Test
    void signInIsThrottledWhateverTheSpellingOfTheLoginUrl() throws Exception {
        Account victim = user(Role.COACH);
        Browser browser = new Browser();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String path = i % 2 == 0 ? "/%6cogin" : "/login";
            statuses.add(browser.formLogin(path, victim.username(), "wrong guess " + i, "198.51.100.7").statusCode());
        }
        assertThat(statuses.subList(0, 10)).allMatch(s -> s == 302);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'RATE_LIMITED' AND detail LIKE '%198.51.100.7%'")
                .query(Long.class).single()).isEqualTo(2);
    }

    // item 2: spreading guesses over many addresses is stopped by the per-account limit, on the API as on the form
    @Test
    void signInIsThrottledPerAccountAcrossAddresses() throws Exception {
        Account victim = user(Role.COACH);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            HttpResponse<String> response = http().send(HttpRequest.newBuilder(uri("/api/auth/token"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113." + (i + 1))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + victim.username()
                            + "\",\"password\":\"guess number " + i + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                assertThat(response.body()).contains("for this account");
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.get(10)).isEqualTo(429);
        // item 7: failed sign-ins name the address they came from
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'LOGIN_FAILED' AND actor = ?")
                .param(victim.username()).query(String.class).list()).contains("api from 203.0.113.1");
    }

    // item 3: an anonymous multipart body was spooled to disk before the 403
    @Test
    void anonymousMultipartIsRefusedBeforeItsBodyIsRead() throws Exception {
        for (String path : List.of("/login", "/web/uploads", "/teams", "/api/uploads")) {
            RawExchange exchange = rawMultipart(path, 30L * 1024 * 1024);
            assertThat(exchange.statusLine()).as(path).contains("401");
            // the server answered and closed without draining: far less than the 30 MB went out
            assertThat(exchange.bytesSent()).as(path).isLessThan(16L * 1024 * 1024);
        }
    }

    // item 9: HTML declared as video/mp4 was stored
    @Test
    void uploadContentIsCheckedByItsBytesBeforeAnythingIsStored() throws Exception {
        Account coach = user(Role.COACH);
        String token = token(coach);
        long before = count("video");
        Map<String, byte[]> disguised = new LinkedHashMap<>();
        disguised.put("page.mp4", "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        disguised.put("notes.mp4", "just some notes about the squat session\n".repeat(20).getBytes(StandardCharsets.UTF_8));
        disguised.put("photo.mp4", Files.readAllBytes(media("opencv_basketball1.png")));
        disguised.put("archive.mp4", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        for (Map.Entry<String, byte[]> file : disguised.entrySet()) {
            HttpResponse<String> response = upload(token, List.of(new Part(file.getKey(), file.getValue())), false);
            assertThat(response.statusCode()).as(file.getKey()).isEqualTo(415);
            assertThat(response.body()).as(file.getKey()).contains("not a video").contains("nothing was stored");
        }
        assertThat(count("video")).isEqualTo(before);
        // a real clip, declared the same way, is taken
        byte[] clip = Files.readAllBytes(media("forensics_movie-hello_talking_head.mp4"));
        assertThat(upload(token, List.of(new Part("hello.mp4", clip)), false).statusCode()).isEqualTo(202);
    }

    // item 10: more than ~50 parts were refused as "A file is over the upload limit"
    @Test
    void thePartLimitFollowsTheFileLimitAndSaysSo() throws Exception {
        Account coach = user(Role.COACH);
        String token = token(coach);
        long before = count("upload");
        List<Part> tooMany = new ArrayList<>();
        for (int i = 0; i <= MAX_FILES; i++) {
            tooMany.add(new Part("clip-" + i + ".mp4", new byte[32]));
        }
        // 61 files with athlete and skill each: 183 parts, past Tomcat's default of 50; the file limit answers
        HttpResponse<String> overFiles = upload(token, tooMany, true);
        assertThat(overFiles.statusCode()).isEqualTo(400);
        assertThat(overFiles.body()).contains("Too many files").contains("at most " + MAX_FILES);
        // far past any honest upload: the container's part cap answers, naming the file limit
        List<Part> flood = new ArrayList<>(tooMany);
        flood.addAll(tooMany);
        HttpResponse<String> overParts = upload(token, flood, true);
        assertThat(overParts.statusCode()).isEqualTo(413);
        assertThat(overParts.body()).contains("at most " + MAX_FILES + " files").doesNotContain("over the upload limit");
        assertThat(count("upload")).isEqualTo(before);
    }

    // item 11: the session cookie had no SameSite, and no Secure behind HTTPS
    @Test
    void theSessionCookieIsSameSiteHttpOnlyAndSecureBehindHttps() throws Exception {
        HttpResponse<String> plain = http().send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = plain.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly").doesNotContainIgnoringCase("Secure");
        HttpResponse<String> proxied = http().send(HttpRequest.newBuilder(uri("/login")).header("X-Forwarded-Proto", "https")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst()
                .orElseThrow()).containsIgnoringCase("Secure");
        // over HTTPS the browser is told to stay on it; plain loopback HTTP (serve) is not
        assertThat(proxied.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v -> assertThat(v).contains("max-age="));
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    // ASVS 14.4.6: links in pages (invite tokens, ids) never leak to other sites through the Referer header
    @Test
    void pagesAndApiAnswersSendASameOriginReferrerPolicy() throws Exception {
        HttpResponse<String> page = http().send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(api("GET", "/api/me", token(user(Role.COACH))).headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    // from reading: /compare is CPU-heavy and was not rate-limited
    @Test
    void comparisonsAreRateLimitedPerUserAndAudited() throws Exception {
        Account coach = user(Role.COACH);
        Team team = team(coach);
        UUID video = uploadWithVideo(team, coach, athlete(team, "Cleo"))[1];
        String token = token(coach);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i <= COMPARES_PER_MINUTE; i++) {
            statuses.add(api("POST", "/api/compare/" + video + "/" + UUID.randomUUID() + "?skill=squat", token).statusCode());
        }
        assertThat(statuses.subList(0, COMPARES_PER_MINUTE)).doesNotContain(429);
        assertThat(statuses.get(COMPARES_PER_MINUTE)).isEqualTo(429);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'RATE_LIMITED' AND actor = ? AND target = 'compare'")
                .param(coach.username()).query(Long.class).single()).isOne();
    }

    // from reading: exception messages ("Invalid UUID string") reached clients
    @Test
    void malformedIdsAndBodiesGetPlainMessagesWithoutInternals() throws Exception {
        String token = token(user(Role.COACH));
        List<HttpResponse<String>> responses = List.of(
                api("GET", "/api/uploads/not-a-uuid", token),
                api("GET", "/api/teams/1234", token),
                http().send(HttpRequest.newBuilder(uri("/api/teams/" + UUID.randomUUID() + "/invites"))
                        .header("Authorization", bearer(token)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"ATHLETE\",\"athleteId\":\"nope\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()),
                http().send(HttpRequest.newBuilder(uri("/api/auth/token")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\": [1, 2")).build(), HttpResponse.BodyHandlers.ofString()));
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(400);
            assertThat(response.body()).as(response.uri().toString()).contains("\"error\"")
                    .doesNotContain("Invalid UUID").doesNotContain("java.").doesNotContain("Exception").doesNotContain("tools.jackson");
        }
    }

    // item 7: a replayed refresh token is audited with its owner, family and address
    @Test
    void aReplayedRefreshTokenIsAuditedWithItsOwnerFamilyAndAddress() throws Exception {
        Account coach = user(Role.COACH);
        String refresh = tokens(coach.username(), PASSWORD).get("refreshToken").toString();
        for (int i = 0; i < 2; i++) {
            http().send(HttpRequest.newBuilder(uri("/api/auth/refresh")).header("Content-Type", "application/json")
                    .header("X-Forwarded-For", "192.0.2.44")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"" + refresh + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        Map<String, Object> row = jdbc.sql("SELECT actor, target, detail FROM audit_log WHERE action = 'TOKEN_REUSE'"
                + " AND actor = ?").param(coach.username()).query().singleRow();
        assertThat(row.get("target").toString()).startsWith("refresh_family:");
        assertThat(row.get("detail").toString()).contains("192.0.2.44");
    }

    // --- helpers ---

    private record Part(String fileName, byte[] content) {
    }

    private record RawExchange(String statusLine, long bytesSent) {
    }

    /** A browser-like client: keeps cookies and reads the CSRF token from the page it was given. */
    private final class Browser {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30)).build();

        String invite(String coachToken, UUID teamId, UUID athleteId) throws Exception {
            String body = "{\"role\":\"ATHLETE\"" + (athleteId == null ? "" : ",\"athleteId\":\"" + athleteId + "\"") + "}";
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(uri("/api/teams/" + teamId + "/invites"))
                    .header("Authorization", bearer(coachToken)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            return URI.create(JSON.readValue(created.body(), Map.class).get("url").toString()).getPath();
        }

        HttpResponse<String> acceptInvite(String invitePath, String username, String password) throws Exception {
            String csrf = csrfFrom(invitePath);
            return postForm(invitePath, Map.of("username", username, "password", password, "_csrf", csrf), null);
        }

        HttpResponse<String> formLogin(String path, String username, String password, String forwardedFor) throws Exception {
            String csrf = csrfFrom("/login");
            return postForm(path, Map.of("username", username, "password", password, "_csrf", csrf), forwardedFor);
        }

        private String csrfFrom(String path) throws Exception {
            String page = client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
            assertThat(m.find()).as("CSRF field on " + path).isTrue();
            return m.group(1);
        }

        private HttpResponse<String> postForm(String path, Map<String, String> fields, String forwardedFor) throws Exception {
            String form = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private HttpResponse<String> upload(String token, List<Part> parts, boolean tagged) throws Exception {
        String boundary = "----audit" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + part.fileName()
                    + "\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(part.content());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            if (tagged) {
                for (String field : List.of("athlete", "skill")) {
                    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n"
                            + (field.equals("skill") ? "squat" : "Athlete " + part.fileName()) + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http().send(HttpRequest.newBuilder(uri("/api/uploads")).header("Authorization", bearer(token))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends a multipart request of the given size from a plain socket, writing on one thread while reading the answer
     * on this one, and reports how much of the body the server let in before it answered and closed.
     */
    private RawExchange rawMultipart(String path, long size) throws Exception {
        String boundary = "----fill" + UUID.randomUUID();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary="
                    + boundary + "\r\nContent-Length: " + size + "\r\n\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"fill.mp4\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    while (sent.get() < size - 512) {
                        out.write(chunk);
                        sent.addAndGet(chunk.length);
                    }
                    out.flush();
                } catch (IOException closedByServer) {
                    // expected: the server stops reading and closes the connection
                }
            });
            writer.start();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                head.write(b);
            }
            // drain the rest of the answer so the server can close; then the writer fails fast
            in.transferTo(OutputStream.nullOutputStream());
            socket.close();
            writer.join(120_000);
            return new RawExchange(head.toString(StandardCharsets.US_ASCII), sent.get());
        }
    }

    private HttpResponse<String> api(String method, String path, String token) throws Exception {
        return http().send(HttpRequest.newBuilder(uri(path)).header("Authorization", bearer(token))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static Path media(String name) {
        return com.skillmirror.testsupport.TestMedia.file(name);
    }
}
