package com.skillmirror.cli;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.cli.Cli.UsageException;
import com.skillmirror.compare.ComparisonRepository;
import com.skillmirror.portal.SkillMirrorApplication;
import com.skillmirror.upload.VideoRepository;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench reports}: the report page's server time with many analyses in the database, measured with a load tool.
 *
 * <p>Starts the portal on a throw-away home (embedded database and storage), analyses one real video through the API
 * as a coach, copies that analysis's rows until the database holds the asked number of analyses, then runs
 * {@code wrk} (Debian package wrk) on the coach's report pages, each request for another analysis, and prints the
 * latency percentiles. Loopback latency is the server time plus a few tens of microseconds.
 */
final class ReportPageBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    record Options(Path video, int analyses, int seconds, int connections, String path) {

        static Options parse(String[] args) {
            Path video = null;
            int analyses = 200;
            int seconds = 30;
            int connections = 8;
            String path = "/api/videos/{id}/report.html";
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--analyses" -> analyses = Integer.parseInt(value(args, ++i));
                    case "--seconds" -> seconds = Integer.parseInt(value(args, ++i));
                    case "--connections" -> connections = Integer.parseInt(value(args, ++i));
                    case "--path" -> path = value(args, ++i);
                    default -> {
                        if (args[i].startsWith("--") || video != null) {
                            throw new UsageException("bench reports: unknown argument " + args[i]);
                        }
                        video = Path.of(args[i]);
                    }
                }
            }
            if (video == null || !Files.isRegularFile(video)) {
                throw new UsageException("bench reports needs a video file to analyse once: bench reports VIDEO");
            }
            if (analyses < 1 || seconds < 1 || connections < 1 || !path.contains("{id}")) {
                throw new UsageException("bench reports: --analyses, --seconds and --connections must be >= 1 and"
                        + " --path must contain {id}");
            }
            return new Options(video, analyses, seconds, connections, path);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new UsageException("bench reports: " + args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Options options = Options.parse(args);
        Path wrk = Path.of("/usr/bin/wrk");
        if (!Files.isExecutable(wrk)) {
            throw new UsageException("bench reports needs the load tool wrk: sudo apt-get install wrk");
        }
        Path home = Files.createTempDirectory("skillmirror-bench-reports");
        String password = UUID.randomUUID().toString();
        SpringApplication app = new SpringApplication(SkillMirrorApplication.class);
        app.setLogStartupInfo(false);
        // as command-line arguments, which outrank every configuration file: the benchmark must never fill the
        // user's own home (skillmirror.home) with its copies
        String[] properties = Map.of("server.port", "0", "skillmirror.home", home.toString(),
                        "skillmirror.admin.password", password, "logging.level.root", "WARN",
                        "logging.level.com.skillmirror", "WARN", "spring.main.banner-mode", "off",
                        "skillmirror.ingest.schedule.enabled", "false", "spring.quartz.auto-startup", "false",
                        "logging.level.org.apache.pdfbox", "ERROR")
                .entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext context = app.run(properties)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            return new ReportPageBenchmark("http://127.0.0.1:" + port).measure(options, password,
                    context.getBean(VideoRepository.class), context.getBean(StageResults.class),
                    context.getBean(ComparisonRepository.class),
                    new TransactionTemplate(context.getBean(PlatformTransactionManager.class)), home, out);
        } finally {
            FileSystemUtils.deleteRecursively(home);
        }
    }

    private ReportPageBenchmark(String base) {
        this.base = base;
    }

    private int measure(Options options, String adminPassword, VideoRepository videoRows, StageResults stages,
                        ComparisonRepository comparisons, TransactionTemplate transaction, Path home, PrintStream out)
            throws Exception {
        String admin = signInChangingPassword("admin", adminPassword);
        String coachPassword = UUID.randomUUID().toString();
        post("/api/users", admin, Map.of("username", "bench-coach", "password", coachPassword, "role", "COACH"));
        String coach = signInChangingPassword("bench-coach", coachPassword);
        String teamId = String.valueOf(post("/api/teams", coach, Map.of("name", "Benchmark team")).get("id"));
        post("/api/teams/" + teamId + "/athletes", coach, Map.of("name", "Bench Athlete"));

        out.println("Analysing " + options.video().getFileName() + " once through the API ...");
        UUID uploadId = upload(coach, teamId, options.video());
        Map<String, Object> status = awaitFinished(coach, uploadId);
        UUID videoId = UUID.fromString(String.valueOf(((Map<?, ?>) ((List<?>) status.get("videos")).get(0)).get("videoId")));
        get(options.path().replace("{id}", videoId.toString()), coach); // the page exists before it is loaded

        int copies = options.analyses() - 1;
        out.println("Copying that analysis " + copies + " times ...");
        List<UUID> videos = new ArrayList<>(List.of(videoId));
        videos.addAll(AnalysisCopies.copy(videoRows, stages, comparisons, transaction, videoId, copies));

        Path script = home.resolve("report-pages.lua");
        Files.writeString(script, luaScript(options.path(), videos, coach), StandardCharsets.UTF_8);
        out.printf("wrk: %d connections, %d s, %d analyses in the database, %s%n", options.connections(),
                options.seconds(), videos.size(), options.path());
        Path output = home.resolve("wrk.txt");
        Process wrk = new ProcessBuilder("/usr/bin/wrk", "-t2", "-c" + options.connections(), "-d" + options.seconds() + "s",
                "--timeout", "10s", "-s", script.toString(), base).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean ended = wrk.waitFor(options.seconds() + 60L, TimeUnit.SECONDS);
        if (!ended) {
            wrk.destroyForcibly();
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        if (!ended || wrk.exitValue() != 0) {
            out.println(report);
            throw new IOException("wrk failed (" + (ended ? "exit " + wrk.exitValue() : "no end after the run time") + ")");
        }
        out.println(report.strip());
        return report.contains("Non-2xx or 3xx responses") ? 1 : 0;
    }

    /** Every request asks for the next analysis, as the coach; done() prints the percentiles in milliseconds. */
    private static String luaScript(String pathTemplate, List<UUID> videos, String token) {
        String paths = videos.stream().map(id -> "\"" + pathTemplate.replace("{id}", id.toString()) + "\"")
                .collect(Collectors.joining(",\n  "));
        return """
                local paths = {
                  %s
                }
                local n = 0
                wrk.headers["Authorization"] = "Bearer %s"
                request = function()
                  n = n + 1
                  return wrk.format("GET", paths[(n %% #paths) + 1])
                end
                done = function(summary, latency, requests)
                  io.write(string.format("requests %%d in %%.1f s (%%.0f/s), errors: %%d non-2xx, %%d socket\\n",
                    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
                    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
                      + summary.errors.timeout))
                  for _, p in ipairs({50, 90, 95, 99}) do
                    io.write(string.format("p%%d %%.2f ms\\n", p, latency:percentile(p) / 1000))
                  end
                  io.write(string.format("max %%.2f ms\\n", latency.max / 1000))
                end
                """.formatted(paths, token);
    }

    private String token(String username, String password) throws Exception {
        return String.valueOf(send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", username, "password", password)))), 200).get("accessToken"));
    }

    /** The first admin and accounts an admin made must replace their password before anything else, as people do. */
    private String signInChangingPassword(String username, String given) throws Exception {
        String own = UUID.randomUUID().toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/me/password"))
                .header("Authorization", "Bearer " + token(username, given)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("currentPassword", given, "newPassword", own)))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IOException("Changing the password of " + username + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return token(username, own);
    }

    private Map<String, Object> post(String path, String token, Map<String, Object> body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), 201);
    }

    private void get(String path, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private UUID upload(String token, String teamId, Path video) throws Exception {
        String boundary = "bench" + UUID.randomUUID();
        List<byte[]> parts = List.of(
                field(boundary, "teamId", teamId), field(boundary, "athlete", "Bench Athlete"),
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"bench.mp4\"\r\n"
                        + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(video), ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Map<String, Object> created = send(HttpRequest.newBuilder(URI.create(base + "/api/uploads"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)), 202);
        return UUID.fromString(String.valueOf(created.get("uploadId")));
    }

    private static byte[] field(String boundary, String name, String value) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> awaitFinished(String token, UUID uploadId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            Map<String, Object> status = send(HttpRequest.newBuilder(URI.create(base + "/api/uploads/" + uploadId))
                    .header("Authorization", "Bearer " + token), 200);
            String state = String.valueOf(status.get("status"));
            if (state.equals("COMPLETED")) {
                return status;
            }
            if (state.equals("FAILED") || state.equals("PARTIAL")) {
                throw new IOException("The benchmark video's analysis ended " + state + ": " + status
                        + ". Use a video with a person in it.");
            }
            Thread.sleep(500);
        }
        throw new IOException("The benchmark video's analysis did not finish in 30 minutes");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(request.build().method() + " " + request.build().uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? new HashMap<>() : JSON.readValue(response.body(), Map.class);
    }
}
