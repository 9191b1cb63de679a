package com.skillmirror.cli;

import com.skillmirror.portal.SkillMirrorApplication;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The skillmirror command line: dispatches to a command. Commands that run the analysis job boot {@link JobContext}
 * (batch-jobs only); pose, speech, patterns and the engine benchmarks boot no Spring context; 'serve' boots the
 * portal and keeps it running.
 */
public final class Cli {

    static final String USAGE = """
            Usage: skillmirror COMMAND [OPTIONS]

            Commands:
              analyze [--skill S] [--athlete A] [--athlete-at X,Y] [--out DIR] FILE|DIR...
                      Analyse videos on this machine (embedded database and storage, in-process workers).
                      Writes DIR/<video>/report.json (default DIR: ./skillmirror-out); exits 1 if any video failed.
                      --athlete-at: who the athlete is when several people are in view, a point on the
                      thumbnail (the frame at half the duration), 0..1 from its top left, e.g. 0.52,0.40.
              serve [--port N] [--host ADDRESS]
                      Start the web portal (default 127.0.0.1:8080) on the embedded default;
                      --host 0.0.0.0 opens it to the network.
              pose [--model lite|full|heavy] [--fps N] [--people N] IMAGE|VIDEO
                      Landmarks as JSON on stdout (normalised like MediaPipe's; world landmarks in metres).
              speech [--provider vosk|openai|pocketsphinx|none] [--base-url URL] AUDIO|VIDEO
                      Speech metrics, transcript, fillers and feedback as JSON (openai: key in OPENAI_API_KEY).
              compare [--skill ID] ATHLETE_VIDEO (EXPERT_VIDEO | --pattern ID)
                      Compare an athlete with an expert video or a stored pattern: JSON with the 0-100 "score".
              ingest [FOLDER]
                      Ingest expert drops now (folders with manifest.yaml and takes) from FOLDER or the configured
                      drop location; prints the ingest report.
              resume UPLOAD_ID
                      Continue an upload's analysis where it stopped (a database, broker or storage outage longer
                      than the automatic retries, a manager that stopped mid-job); finished work is kept. Uses the
                      configured database, storage and, with skillmirror.distributed=true, the workers.
              patterns skills | norm SKILL OUT.json | build SKILL OUT.json --expert NAME --licence L
                       [--achievements A] [--credits C] [--person ID] POSE... | compare SKILL PATTERN.json POSE
                       [--person ID]
                      Expert patterns from pose series files (the pose step's landmark series), without a database.
              bench pose VIDEO [--model M] [--threads N] [--people N] [--no-smoothing] [--frames N]
              bench speech FILE [REPEAT]
              bench compare [RUNS]
              bench job [--loop N] [--ratios] VIDEO...
              bench reports [--analyses N] [--seconds S] [--connections C] [--path P] VIDEO
              bench peer VIDEO [--frames N] [--rounds R] [--out FILE] [--script PATH]
                      Benchmarks: analysed frames/s with the time per part; real-time factors; one comparison of
                      a 60 s take; the whole job's step times and peak heap (run with SKILLMIRROR_JAVA_OPTS=-Xmx512m
                      for the worker budget); report page latency under load with N analyses in a throw-away
                      database (needs wrk); ours against MediaPipe's tasks-vision PoseLandmarker (WASM CPU, in
                      headless Chromium; needs chromium, npm, python3) on the same frames, single-threaded, with
                      the landmark agreement (scripts/peer-bench).
              help    Show this help.

            Configuration: see README.md (PostgreSQL, RabbitMQ, S3, workers).""";

    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || Arrays.asList("help", "--help", "-h").contains(args[0])) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Map<String, Function<String[], Integer>> commands = Map.of(
                "analyze", Cli::analyze,
                "serve", Cli::serve,
                "pose", a -> unchecked(() -> PoseCommand.run(a, System.out, System.err)),
                "speech", a -> SpeechCommand.run(a, System.out, System.err),
                "patterns", a -> unchecked(() -> PatternsCommand.run(a, System.out, System.err)),
                "bench", Cli::bench,
                "compare", a -> withContext((c, out) -> CompareCommand.run(a, c, out, System.err)),
                "ingest", a -> withContext((c, out) -> IngestCommand.run(a, c, out)),
                "resume", a -> withContext((c, out) -> ResumeCommand.run(a, c, out)));
        Function<String[], Integer> handler = commands.get(command);
        if (handler == null) {
            System.err.println("Unknown command '" + command + "'.\n\n" + USAGE);
            return 2;
        }
        try {
            return handler.apply(rest);
        } catch (UsageException e) {
            System.err.println("skillmirror " + command + ": " + e.getMessage() + "\n\n" + USAGE);
            return 2;
        }
    }

    private static int analyze(String[] args) {
        AnalyzeCommand.Options options = AnalyzeCommand.Options.parse(args);
        // the first line at once, before the context (class loading, embedded database, migrations) takes its time
        long jvmMs = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.printf(java.util.Locale.ROOT, "Starting... JVM up (%.1f s); loading the job context, the database"
                + " and its migrations%n", jvmMs / 1000.0);
        System.out.flush();
        long contextStart = System.nanoTime();
        try (ConfigurableApplicationContext context = JobContext.start(System.out)) {
            System.out.printf(java.util.Locale.ROOT, "Ready in %.1f s (context and database)%n",
                    jvmMs / 1000.0 + (System.nanoTime() - contextStart) / 1e9);
            AnalyzeCommand command = context.getAutowireCapableBeanFactory().createBean(AnalyzeCommand.class);
            context.addApplicationListener(ApplicationListener.forPayload(command::onProgress));
            return command.run(options, System.out);
        }
    }

    /** The web server's address and port from serve's options: loopback unless --host opens it. */
    static Map<String, Object> serveProperties(String[] args) {
        String port = "8080";
        // a laptop's portal is for its own user: reachable from the network only when asked for
        String host = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = args[++i];
            } else if (args[i].equals("--host") && i + 1 < args.length) {
                host = args[++i];
            } else {
                throw new UsageException("unknown option " + args[i]);
            }
        }
        if (!port.matches("\\d{1,5}")) {
            throw new UsageException("--port needs a number, got " + port);
        }
        if (!host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
            throw new UsageException("--host needs an address or host name, got " + host);
        }
        return Map.of("server.port", port, "server.address", host);
    }

    private static int serve(String[] args) {
        Map<String, Object> server = serveProperties(args);
        ConfigurableApplicationContext context = portal(server);
        boolean loopback = "127.0.0.1".equals(server.get("server.address"));
        System.out.println("SkillMirror portal on http://" + (loopback ? "localhost" : server.get("server.address")) + ":"
                + server.get("server.port") + "/ (Ctrl-C to stop"
                + (loopback ? "; --host 0.0.0.0 to open it to the network" : "") + ")");
        // Block until the context closes (Ctrl-C triggers the shutdown hook).
        while (context.isActive()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return 0;
    }

    /** The portal's own application, listening where serve's options say (the environment can still override). */
    static ConfigurableApplicationContext portal(Map<String, Object> server) {
        SpringApplication app = new SpringApplication(SkillMirrorApplication.class);
        app.setDefaultProperties(server);
        return app.run();
    }

    private static int bench(String[] args) {
        if (args.length < 1) {
            throw new UsageException("bench needs a target: bench pose VIDEO, bench speech FILE, bench compare,"
                    + " bench job VIDEO, bench reports VIDEO, bench peer VIDEO");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "pose" -> unchecked(() -> PoseBenchmark.run(rest, System.out));
            case "speech" -> unchecked(() -> SpeechBenchmark.run(rest, System.out));
            case "compare" -> unchecked(() -> CompareBenchmark.run(rest, System.out));
            case "job" -> {
                try (ConfigurableApplicationContext context = JobContext.start()) {
                    yield unchecked(() -> JobBenchmark.run(rest, context, System.out));
                }
            }
            case "reports" -> unchecked(() -> ReportPageBenchmark.run(rest, System.out));
            case "peer" -> unchecked(() -> PeerBenchmark.run(rest, System.out));
            default -> throw new UsageException("unknown benchmark " + args[0]
                    + " (pose, speech, compare, job, reports or peer)");
        };
    }

    private interface ContextAction {
        int run(ConfigurableApplicationContext context, PrintStream json) throws Exception;
    }

    /** Runs a command that prints JSON: the application's own output (logs) goes to stderr meanwhile. */
    private static int withContext(ContextAction action) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try (ConfigurableApplicationContext context = JobContext.start()) {
            return unchecked(() -> action.run(context, stdout));
        } finally {
            System.setOut(stdout);
        }
    }

    private interface Action {
        int run() throws Exception;
    }

    private static int unchecked(Action action) {
        try {
            return action.run();
        } catch (UsageException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("skillmirror: " + e.getMessage());
            return 1;
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
