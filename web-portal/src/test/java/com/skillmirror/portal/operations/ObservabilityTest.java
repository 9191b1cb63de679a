package com.skillmirror.portal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.portal.SkillMirrorApplication;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.security.AccountService;
import com.skillmirror.portal.team.Team;
import com.skillmirror.portal.team.TeamRepository;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestDatabase;
import com.skillmirror.testsupport.TestServices;
import com.skillmirror.testsupport.TestMedia;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal as deployed for scale (issue 14, item 1): distributed over the machine's real RabbitMQ, with a worker
 * consuming partitions in the same JVM, on the real PostgreSQL; a real clip uploaded over HTTP and analysed by the
 * real job. Then the management port's {@code /actuator/prometheus} shows the job, step, item/chunk and frame meters,
 * and every metric the Grafana dashboard and the Prometheus alert rules in {@code deploy/} name is in that scrape.
 * Health probes, info and the management port's access rules are checked on the same running portal.
 */
@SpringBootTest(classes = SkillMirrorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ObservabilityTest {

    private static final String PASSWORD = "correct horse battery";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Prometheus' own series about a scrape, never in an app's scrape. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds");

    static TestDatabase database;
    @TempDir
    static Path home;

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    AccountService accounts;
    @Autowired
    TeamRepository teams;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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
        registry.add("skillmirror.admin.password", () -> "bootstrap password 1");
        // the manager sends partitions over RabbitMQ and this same JVM's worker takes them (names of this test's own)
        registry.add("skillmirror.distributed", () -> "true");
        registry.add("skillmirror.worker.enabled", () -> "true");
        registry.add("spring.rabbitmq.host", () -> TestServices.current().rabbitmq().host());
        registry.add("spring.rabbitmq.port", () -> TestServices.current().rabbitmq().port());
        registry.add("skillmirror.broker.partition-queue", () -> "skillmirror.partitions.observability-test");
        registry.add("skillmirror.broker.progress-exchange", () -> "skillmirror.progress.observability-test");
    }

    @Test
    void afterARealJobTheScrapeShowsJobStepAndFrameMetricsAndTheDashboardAndAlertsNameOnlyThose(@TempDir Path dir)
            throws Exception {
        Path clip = TestClips.video(dir.resolve("square.mp4"), 320, 240, 15, 2, false, 0);
        Account coach = accounts.create("coach-" + UUID.randomUUID().toString().substring(0, 8), PASSWORD, Role.COACH);
        Team team = teams.create("Team " + UUID.randomUUID().toString().substring(0, 6), coach.id());
        String token = token(coach.username());

        HttpResponse<String> upload = upload(token, team.id(), clip);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        UUID uploadId = UUID.fromString(JSON.readTree(upload.body()).get("uploadId").asString());

        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String status = "";
        while (!Set.of("COMPLETED", "PARTIAL", "FAILED").contains(status) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = jdbc.sql("SELECT status FROM upload WHERE id = ?").param(uploadId).query(String.class).single();
        }
        assertThat(status).as("the upload's job ended").isIn("COMPLETED", "PARTIAL", "FAILED");
        // the job's timer is recorded as its observation stops, just after the upload's status is written
        String scrape = scrape();
        while (!scrape.contains("spring_batch_job_seconds_count") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            scrape = scrape();
        }
        Files.writeString(Path.of("target", "observability-scrape.txt"), scrape);
        Set<String> names = sampleNames(scrape);

        // Spring Batch's own observations: the job, its step beans (partitions under their worker step's name; the
        // manager steps the job builds inline are not beans, their partitions are), the pose step's items and chunks
        assertThat(scrape).containsPattern("spring_batch_job_seconds_count\\{[^}]*spring_batch_job_name=\"analysis\"[^}]*\\} 1(\\.0)?\\b");
        for (String step : List.of("decodeWorker", "poseWorker", "poseSummaryWorker", "reportWorker", "teamReport")) {
            assertThat(scrape).as(step).containsPattern("spring_batch_step_seconds_count\\{[^}]*spring_batch_step_name=\""
                    + step + "\"");
        }
        assertThat(scrape).as("no video id in any tag").doesNotContain(uploadId.toString())
                .doesNotContainPattern("spring_batch_step_name=\"[a-zA-Z]+:");
        assertThat(names).contains("spring_batch_item_read_seconds_count", "spring_batch_item_process_seconds_count",
                "spring_batch_chunk_write_seconds_count");
        // ours: 30 frames through the pose model (2 s at 15 fps), its time per frame, the upload and its bytes,
        // the video failed at pose (nobody in a moving square), the queue, readiness
        assertThat(value(scrape, "skillmirror_pose_frames_total")).isEqualTo(30);
        assertThat(value(scrape, "skillmirror_pose_inference_seconds_count")).isEqualTo(30);
        assertThat(value(scrape, "skillmirror_uploads_total")).isEqualTo(1);
        assertThat(value(scrape, "skillmirror_upload_file_size_bytes_sum")).isEqualTo(Files.size(clip));
        assertThat(scrape).containsPattern("skillmirror_video_failures_total\\{[^}]*reason=\"no_athlete\"[^}]*stage=\"pose\"[^}]*\\} 1");
        assertThat(names).contains("skillmirror_partition_queue_depth_messages", "skillmirror_partition_queue_age_seconds",
                "skillmirror_health_readiness");
        assertThat(value(scrape, "skillmirror_health_readiness")).isEqualTo(1);
        assertThat(scrape).as("the upload request, by its URI template").containsPattern(
                "http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*uri=\"/api/uploads\"");

        // the dashboard: a Grafana dashboard whose every query names metrics of this scrape
        JsonNode dashboard = JSON.readTree(Files.readString(TestMedia.repoRoot().resolve("deploy/grafana/skillmirror-dashboard.json")));
        assertThat(dashboard.get("title").asString()).isNotBlank();
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.get("expr").asString());
            }
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        Set<String> dashboardMetrics = new TreeSet<>();
        for (String query : queries) {
            Set<String> metrics = PromQl.metricNames(query);
            assertThat(metrics).as(query).isNotEmpty();
            dashboardMetrics.addAll(metrics);
        }
        assertThat(names).as("every metric of the dashboard is in the scrape").containsAll(dashboardMetrics);

        // the alert rules: Prometheus' rule file format; every metric they name is in the scrape (or is Prometheus' own)
        Map<String, Object> rules = new Yaml().load(Files.readString(TestMedia.repoRoot().resolve("deploy/prometheus/alerts.yml")));
        Set<String> alertNames = new TreeSet<>();
        Set<String> alertMetrics = new TreeSet<>();
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Map<?, ?> r = (Map<?, ?>) rule;
                alertNames.add((String) r.get("alert"));
                assertThat(r.get("expr")).as(r.get("alert") + " expr").isInstanceOf(String.class);
                assertThat(((Map<?, ?>) r.get("annotations")).get("summary")).as(r.get("alert") + " summary").isNotNull();
                alertMetrics.addAll(PromQl.metricNames((String) r.get("expr")));
            }
        }
        assertThat(alertNames).contains("SkillMirrorJobFailed", "SkillMirrorPartitionQueueStale",
                "SkillMirrorNoFramesProcessed", "SkillMirrorNotReady");
        alertMetrics.removeAll(PROMETHEUS_SERIES);
        assertThat(names).as("every metric of the alert rules is in the scrape").containsAll(alertMetrics);
    }

    @Test
    void probesAndInfoOnTheManagementPort() throws Exception {
        HttpResponse<String> readiness = get(management("/actuator/health/readiness"));
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode ready = JSON.readTree(readiness.body());
        assertThat(ready.get("status").asString()).isEqualTo("UP");
        assertThat(ready.get("components").propertyNames()).contains("db", "storage", "rabbit", "readinessState");
        assertThat(readiness.body()).as("statuses only, no details").doesNotContain("details", "database", "PostgreSQL");

        HttpResponse<String> liveness = get(management("/actuator/health/liveness"));
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(liveness.body()).get("status").asString()).isEqualTo("UP");
        assertThat(liveness.body()).as("liveness stays cheap: the app's own state only, no database or broker")
                .doesNotContain("db", "storage", "rabbit");

        JsonNode info = JSON.readTree(get(management("/actuator/info")).body());
        assertThat(info.at("/build/version").asString()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(info.at("/pose/package").asString()).isEqualTo("@mediapipe/pose");
        assertThat(info.at("/pose/version").asString()).isNotBlank();
        assertThat(info.at("/pose/model").asString()).isEqualTo("FULL");
    }

    @Test
    void theManagementPortExposesNothingElseAndTheMainPortNoActuatorAtAll() throws Exception {
        for (String path : List.of("/actuator/env", "/actuator/heapdump", "/actuator/beans", "/actuator/configprops",
                "/actuator/loggers", "/actuator/threaddump", "/actuator/shutdown", "/actuator")) {
            HttpResponse<String> response = get(management(path));
            // not exposed: refused, or sent to the portal's sign-in (which the management port does not serve)
            assertThat(response.statusCode()).as(path).isIn(302, 401, 403, 404);
            assertThat(response.body()).as(path).doesNotContain("spring.datasource", "password", "_links");
        }
        HttpResponse<String> shutdown = http.send(HttpRequest.newBuilder(management("/actuator/shutdown"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(shutdown.statusCode()).isIn(302, 401, 403, 404, 405);

        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                "/actuator/info", "/actuator/env", "/actuator")) {
            HttpResponse<String> anonymous = get(main(path));
            assertThat(anonymous.statusCode()).as("anonymous " + path + " on the main port").isNotEqualTo(200);
            assertThat(anonymous.body()).as(path).doesNotContain("\"UP\"", "jvm_", "spring_batch", "@mediapipe");
        }
        Account admin = accounts.create("admin-" + UUID.randomUUID().toString().substring(0, 8), PASSWORD, Role.ADMIN);
        String token = token(admin.username());
        for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator/env")) {
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(main(path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).as("an admin's " + path + " on the main port").isNotEqualTo(200);
            assertThat(signedIn.body()).as(path).doesNotContain("\"UP\"", "jvm_", "spring_batch");
        }
    }

    private String token(String username) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(main("/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username,
                        "password", PASSWORD)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("accessToken").asString();
    }

    private HttpResponse<String> upload(String token, UUID teamId, Path clip) throws Exception {
        String boundary = "----skillmirror" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"teamId\"\r\n\r\n" + teamId + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"square.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(clip));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(main("/api/uploads"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = get(management("/actuator/prometheus"));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI main(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    /** The names of the samples in a Prometheus text scrape. */
    static Set<String> sampleNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** The sum of a metric's samples over all its label sets. */
    static double value(String scrape, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String[] parts = line.trim().split(" ");
                sum += Double.parseDouble(parts[parts.length - 1]);
                found = true;
            }
        }
        assertThat(found).as(name + " in the scrape").isTrue();
        return sum;
    }
}
