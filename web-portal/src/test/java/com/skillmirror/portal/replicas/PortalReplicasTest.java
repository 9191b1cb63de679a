package com.skillmirror.portal.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.portal.SkillMirrorApplication;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.security.AccountService;
import com.skillmirror.portal.team.Athlete;
import com.skillmirror.portal.team.Team;
import com.skillmirror.portal.team.TeamRepository;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestDatabase;
import com.skillmirror.testsupport.TestServices;
import com.skillmirror.upload.IncomingFile;
import com.skillmirror.upload.UploadOwner;
import com.skillmirror.upload.UploadService;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two real portal replicas (two SpringApplication instances on their own ports) on one database and the machine's
 * Redis, under a key prefix of this run's own: a sign-in on one is a sign-in on the other (CSRF token and sign-out
 * included), a rate limit counts requests to both, and a watcher on one replica sees every progress event of a real
 * job started on the other. Also: the start fails naming Redis when it is configured but down.
 */
class PortalReplicasTest {

    private static final String PASSWORD = "correct horse battery";
    private static final int LOGINS_PER_MINUTE = 6;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path home;
    static TestDatabase database;
    static String prefix;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void twoReplicas() {
        database = TestDatabase.create();
        prefix = "test-replicas-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Map<String, Object> shared = replicaProperties(Base64.getEncoder().encodeToString(secret));
        // one after the other: the first runs the migrations
        a = start(shared);
        b = start(shared);
    }

    /** A replica; the properties as command-line arguments, over the application's own files. */
    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(SkillMirrorApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static Map<String, Object> replicaProperties(String jwtSecret) {
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", "0");
        p.put("management.server.port", "0");
        p.put("spring.datasource.url", database.url());
        p.put("spring.datasource.username", database.username());
        p.put("skillmirror.home", home.toString());
        p.put("skillmirror.admin.username", "root-admin");
        p.put("skillmirror.admin.password", "bootstrap password 1");
        p.put("skillmirror.security.jwt-secret", jwtSecret);
        p.put("skillmirror.security.login-per-minute", String.valueOf(LOGINS_PER_MINUTE));
        p.put("skillmirror.replicas.redis", "true");
        p.put("skillmirror.replicas.key-prefix", prefix);
        p.put("spring.data.redis.host", TestServices.current().redis().host());
        p.put("spring.data.redis.port", String.valueOf(TestServices.current().redis().port()));
        // as behind the compose file's nginx: the client's address comes from X-Forwarded-For
        p.put("server.forward-headers-strategy", "native");
        return p;
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            StringRedisTemplate redis = a.getBean(StringRedisTemplate.class);
            Set<String> keys = redis.keys(prefix + ":*");
            if (keys != null && !keys.isEmpty()) {
                redis.delete(keys);
            }
        }
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aSignInOnOneReplicaContinuesOnTheOtherWithItsCsrfTokenAndEndsEverywhere() throws Exception {
        Account coach = a.getBean(AccountService.class).create("coach-" + fresh(), PASSWORD, Role.COACH);
        String cookie = signIn(a, coach.username());
        assertThat(cookie).startsWith("SESSION=");

        // the page on B knows the session made on A, and its CSRF token is the session's
        HttpResponse<String> page = get(b, "/", cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        String[] csrf = csrfOf(page.body());
        HttpResponse<String> created = postJson(b, "/web/teams", cookie, csrf, "{\"name\":\"Replicated rowing\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("Replicated rowing");
        // the token A's own page carries is the same session's token, accepted by B
        String[] csrfOfA = csrfOf(get(a, "/", cookie).body());
        assertThat(postJson(b, "/web/teams", cookie, csrfOfA, "{\"name\":\"Second boat\"}").statusCode()).isEqualTo(201);
        // without the token, B refuses the post
        assertThat(postJson(b, "/web/teams", cookie, null, "{\"name\":\"Forged\"}").statusCode()).isEqualTo(403);
        assertThat(get(a, "/web/teams", cookie).body()).contains("Replicated rowing", "Second boat").doesNotContain("Forged");

        // a page's live socket on A, opened with that session
        UUID team = UUID.fromString(JSON.readValue(created.body(), Map.class).get("id").toString());
        UUID upload = UUID.randomUUID();
        a.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("INSERT INTO upload (id, team_id, created_by, status) VALUES (?, ?, ?, 'COMPLETED')")
                .params(upload, team, coach.id()).update();
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        BlockingQueue<String> socketOnA = watch(a, "/web/uploads/" + upload + "/live", Map.of("Cookie", cookie), closed);
        assertThat(JSON.readValue(next(socketOnA), Map.class).get("type")).isEqualTo("snapshot");

        // signing out on B ends the session on A too, and closes its socket there (Spring Session's deletion event)
        HttpResponse<String> logout = send(b, HttpRequest.newBuilder(uri(b, "/logout")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf[1]))));
        assertThat(logout.statusCode()).isEqualTo(302);
        HttpResponse<String> after = get(a, "/", cookie);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).contains("/login");
        assertThat(closed.get(1, TimeUnit.MINUTES)).as("close code of A's socket").isEqualTo(1008);

        // a password change made through A ends the sessions of the old password on B (credentials version)
        String second = signIn(b, coach.username());
        assertThat(get(a, "/", second).statusCode()).isEqualTo(200);
        a.getBean(AccountService.class).changePassword(coach.id(), PASSWORD, "another long pass phrase");
        HttpResponse<String> ended = get(b, "/", second);
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location").orElse("")).contains("/login?expired");
    }

    @Test
    void theSignInLimitCountsAttemptsOnBothReplicasAndKeepsNoRawNameInRedis() throws Exception {
        String username = "Guessed-Name-" + fresh();
        String address = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 250);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < LOGINS_PER_MINUTE + 2; i++) {
            ConfigurableApplicationContext replica = i % 2 == 0 ? a : b;
            HttpResponse<String> r = send(replica, HttpRequest.newBuilder(uri(replica, "/api/auth/token"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            JSON.writeValueAsString(Map.of("username", username, "password", "wrong guess " + i)))));
            statuses.add(r.statusCode());
        }
        // six wrong passwords in all (three on each replica), then the shared limit answers on either
        assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 401, 429, 429);

        StringRedisTemplate redis = a.getBean(StringRedisTemplate.class);
        Set<String> keys = redis.keys(prefix + ":ratelimit:*");
        assertThat(keys).isNotEmpty();
        assertThat(keys).allSatisfy(key -> {
            assertThat(key.toLowerCase()).doesNotContain(username.toLowerCase()).doesNotContain(address);
            assertThat(key).matches(Pattern.quote(prefix) + ":ratelimit:[a-z-]+:[0-9a-f]{32}");
            assertThat(redis.getExpire(key, TimeUnit.SECONDS)).as("TTL of %s", key).isBetween(1L, 120L);
        });
    }

    @Test
    void aWatcherOnOneReplicaSeesEveryEventOfAJobStartedOnTheOther() throws Exception {
        Account coach = a.getBean(AccountService.class).create("live-" + fresh(), PASSWORD, Role.COACH);
        TeamRepository teams = b.getBean(TeamRepository.class);
        Team team = teams.create("Live " + fresh(), coach.id());
        Athlete athlete = teams.addAthlete(team.id(), "Remote Rita");
        Path clip = TestClips.video(Files.createTempFile(home, "clip", ".mp4"), 160, 120, 10, 1.0, false, 0);
        var upload = b.getBean(UploadService.class).create(new UploadOwner(team.id(), coach.id()),
                List.of(new IncomingFile("rita.mp4", Files.size(clip), () -> Files.newInputStream(clip), athlete.id(),
                        athlete.name(), null)));
        UUID uploadId = upload.uploadId();
        UUID videoId = upload.videos().get(0).id();

        List<ProgressEvent> publishedOnB = new CopyOnWriteArrayList<>();
        b.addApplicationListener(ApplicationListener.<ProgressEvent>forPayload(event -> {
            if (event.uploadId().equals(uploadId)) {
                publishedOnB.add(event);
            }
        }));
        BlockingQueue<String> onA = watch(a, uploadId, token(a, coach.username()));
        assertThat(JSON.readValue(next(onA), Map.class).get("type")).isEqualTo("snapshot");

        // what is not an event of another replica is dropped: a foreign or oversized message, or one naming no event
        StringRedisTemplate redis = b.getBean(StringRedisTemplate.class);
        redis.convertAndSend(prefix + ":progress", "not json");
        redis.convertAndSend(prefix + ":progress", "{\"replica\":\"x\",\"event\":{\"type\":\"analysis_complete\",\"uploadId\":\""
                + uploadId + "\",\"message\":\"" + "x".repeat(70_000) + "\"}}");
        redis.convertAndSend(prefix + ":progress", "{\"replica\":\"x\"}");

        HttpResponse<String> started = send(b, HttpRequest.newBuilder(uri(b, "/analyze-video/" + videoId))
                .header("Authorization", "Bearer " + token(b, coach.username()))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.body()).contains("\"action\":\"started\"");

        // until the upload's own end event (a video's error or completion is followed by a snapshot too)
        List<Map<?, ?>> seenOnA = new ArrayList<>();
        for (boolean ended = false; !ended; ) {
            Map<?, ?> message = JSON.readValue(next(onA), Map.class);
            if (!"snapshot".equals(message.get("type"))) {
                seenOnA.add(message);
                ended = message.get("videoId") == null && List.of(ProgressEvent.COMPLETE, ProgressEvent.ERROR)
                        .contains(message.get("type"));
            }
        }
        for (int i = 0; i < 600 && publishedOnB.size() < seenOnA.size(); i++) {
            Thread.sleep(100);
        }
        List<String> watched = seenOnA.stream().map(PortalReplicasTest::identity).toList();
        List<String> published = publishedOnB.stream().map(e -> identity(JSON.readValue(JSON.writeValueAsString(e), Map.class)))
                .toList();
        assertThat(watched).as("every event of the job on B, in order, once each").isEqualTo(published);
        assertThat(new HashSet<>(watched)).hasSameSizeAs(watched);
        assertThat(seenOnA.get(0).get("type")).isEqualTo(ProgressEvent.STARTED);
        assertThat(seenOnA.get(seenOnA.size() - 1).get("type")).isIn(ProgressEvent.COMPLETE, ProgressEvent.ERROR);
        assertThat(seenOnA).as("stage events of the video").anySatisfy(m -> assertThat(m.get("videoId")).isEqualTo(videoId.toString()));
        System.out.printf("replicas: %d events of the job on B seen on A%n", seenOnA.size());
    }

    @Test
    void theExpertLibraryIsCachedInRedisForBothReplicasAndAnIngestOnEitherEvictsIt() throws Exception {
        Account expert = a.getBean(AccountService.class).create("expert-" + fresh(), PASSWORD, Role.EXPERT);
        String onA = token(a, expert.username());
        String onB = token(b, expert.username());
        String before = apiGet(a, "/api/experts", onA);
        StringRedisTemplate redis = a.getBean(StringRedisTemplate.class);
        Set<String> cached = redis.keys(prefix + ":cache:experts::*");
        assertThat(cached).as("the list, cached in Redis under the run's prefix").hasSize(1);
        assertThat(redis.getExpire(cached.iterator().next(), TimeUnit.SECONDS)).isBetween(1L, 600L);

        // an expert written behind the portals' backs (as the separate expert-ingest process does): B answers from
        // the cache A filled, until an ingest through a portal evicts it
        String name = "Cached Carla " + fresh();
        a.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("INSERT INTO expert (id, name) VALUES (?, ?)").params(UUID.randomUUID(), name).update();
        assertThat(apiGet(b, "/api/experts", onB)).isEqualTo(before).doesNotContain(name);
        HttpResponse<String> ingest = send(b, HttpRequest.newBuilder(uri(b, "/api/experts/ingest"))
                .header("Authorization", "Bearer " + onB).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
        assertThat(redis.keys(prefix + ":cache:experts::*")).as("evicted for every replica").isEmpty();
        assertThat(apiGet(a, "/api/experts", onA)).contains(name);
    }

    @Test
    void aConfiguredRedisThatIsDownStopsTheStartWithAMessageNamingIt() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        Map<String, Object> p = replicaProperties(Base64.getEncoder().encodeToString(new byte[32]));
        p.put("spring.data.redis.host", "127.0.0.1");
        p.put("spring.data.redis.port", String.valueOf(closedPort));
        assertThatThrownBy(() -> start(p))
                .hasStackTraceContaining("Redis at 127.0.0.1:" + closedPort + " cannot be reached")
                .hasStackTraceContaining("skillmirror.replicas.redis=false");
    }

    private static String identity(Map<?, ?> event) {
        return event.get("type") + "|" + event.get("videoId") + "|" + event.get("stage") + "|" + event.get("percent")
                + "|" + event.get("message") + "|" + event.get("timestampMs");
    }

    // --- HTTP as a browser or an API client does it ------------------------------------------------------------

    private static String signIn(ConfigurableApplicationContext replica, String username) throws Exception {
        HttpResponse<String> form = send(replica, HttpRequest.newBuilder(uri(replica, "/login")));
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(token.find()).isTrue();
        String anonymous = cookieOf(form);
        HttpResponse<String> login = send(replica, HttpRequest.newBuilder(uri(replica, "/login"))
                .header("Cookie", anonymous).header("X-Forwarded-For", "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(username) + "&password=" + enc(PASSWORD)
                        + "&_csrf=" + enc(token.group(1)))));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return cookieOf(login);
    }

    private static String token(ConfigurableApplicationContext replica, String username) throws Exception {
        HttpResponse<String> r = send(replica, HttpRequest.newBuilder(uri(replica, "/api/auth/token"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", PASSWORD)))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readValue(r.body(), Map.class).get("accessToken").toString();
    }

    private static String apiGet(ConfigurableApplicationContext replica, String path, String token) throws Exception {
        HttpResponse<String> r = send(replica, HttpRequest.newBuilder(uri(replica, path)).header("Authorization", "Bearer " + token));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static String cookieOf(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).reduce((first, last) -> last).orElseThrow();
    }

    /** The page's CSRF header name and token (meta tags, as portal.js reads them). */
    private static String[] csrfOf(String page) {
        Matcher header = Pattern.compile("name=\"_csrf_header\" content=\"([^\"]+)\"").matcher(page);
        Matcher token = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page);
        assertThat(header.find() && token.find()).as("the page carries its CSRF token").isTrue();
        return new String[] {header.group(1), token.group(1)};
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext replica, String path, String cookie) throws Exception {
        return send(replica, HttpRequest.newBuilder(uri(replica, path)).header("Cookie", cookie));
    }

    private static HttpResponse<String> postJson(ConfigurableApplicationContext replica, String path, String cookie,
                                                 String[] csrf, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(replica, path)).header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            request.header(csrf[0], csrf[1]);
        }
        return send(replica, request);
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext replica, HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static BlockingQueue<String> watch(ConfigurableApplicationContext replica, UUID uploadId, String token) {
        return watch(replica, "/api/uploads/" + uploadId + "/live", Map.of("Authorization", "Bearer " + token),
                new java.util.concurrent.CompletableFuture<>());
    }

    private static BlockingQueue<String> watch(ConfigurableApplicationContext replica, String path,
                                               Map<String, String> headers,
                                               java.util.concurrent.CompletableFuture<Integer> closed) {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        builder.buildAsync(URI.create("ws://localhost:" + port(replica) + path),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                                closed.complete(statusCode);
                                return null;
                            }

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
                        }).join();
        return messages;
    }

    /** The next message, waiting as long as a small job may take on a slow machine. */
    private static String next(BlockingQueue<String> messages) throws InterruptedException {
        String text = messages.poll(5, TimeUnit.MINUTES);
        assertThat(text).as("a live message within 5 minutes").isNotNull();
        return text;
    }

    private static URI uri(ConfigurableApplicationContext replica, String path) {
        return URI.create("http://localhost:" + port(replica) + path);
    }

    private static int port(ConfigurableApplicationContext replica) {
        return Integer.parseInt(replica.getEnvironment().getProperty("local.server.port"));
    }

    private static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
