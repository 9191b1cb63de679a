package com.skillmirror.db;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table. The main sources of every module are read: SQL that writes a table ({@code INSERT INTO},
 * {@code UPDATE}, {@code DELETE FROM}, {@code MERGE INTO}, {@code TRUNCATE}) may only sit in that table's owner, and
 * a table is read outside its owner only where {@link #FOREIGN_READS} lists it (the read models the {@code upload}
 * package comment names, and owners whose query joins a neighbour's table). Files are named by their path below {@code src/main/java}, so a class moved to another module keeps its
 * entry.
 */
class TableOwnersTest {

    private static final String UPLOADS = "com/skillmirror/upload/VideoRepository.java";
    private static final String TEAMS = "com/skillmirror/portal/team/TeamRepository.java";
    private static final String ACCOUNTS = "com/skillmirror/portal/security/AccountRepository.java";
    private static final String TOKENS = "com/skillmirror/portal/security/TokenService.java";
    private static final String STAGE_RESULTS = "com/skillmirror/analysis/StageResults.java";
    private static final String COMPARISONS = "com/skillmirror/compare/ComparisonRepository.java";
    private static final String EXPERTS = "com/skillmirror/expert/ExpertPatterns.java";
    private static final String WEBHOOK_DELIVERIES = "com/skillmirror/portal/webhook/WebhookDeliveries.java";

    /** Every table our SQL writes, with the one class that writes it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            entry("upload", UPLOADS), entry("video", UPLOADS),
            entry("team", TEAMS), entry("team_member", TEAMS), entry("athlete", TEAMS), entry("team_invite", TEAMS),
            entry("app_user", ACCOUNTS), entry("refresh_token", TOKENS),
            entry("audit_log", "com/skillmirror/portal/access/AuditLog.java"),
            entry("expert", EXPERTS), entry("expert_pattern", EXPERTS),
            entry("expert_ingest", "com/skillmirror/job/ingest/ExpertIngest.java"),
            entry("skill", "com/skillmirror/skill/SkillRegistry.java"),
            entry("stage_result", STAGE_RESULTS), entry("artifact", STAGE_RESULTS), entry("comparison", COMPARISONS),
            entry("coach_note", "com/skillmirror/notes/CoachNotes.java"),
            entry("personal_access_token", "com/skillmirror/portal/security/PersonalAccessTokens.java"),
            entry("webhook_event", "com/skillmirror/job/WebhookEvents.java"),
            entry("webhook", "com/skillmirror/portal/webhook/Webhooks.java"),
            entry("webhook_delivery", WEBHOOK_DELIVERIES), entry("webhook_attempt", WEBHOOK_DELIVERIES),
            // Spring Batch's own table, written through its JobRepository; our only SQL on it is the running
            // managers' heartbeat and the stale check that reads it
            entry("batch_job_execution", "com/skillmirror/job/JobRecovery.java"));

    /**
     * Writers besides the owner that are known and not yet moved, each with its reason. The test fails when one
     * is no longer needed, so this list only shrinks.
     */
    static final Map<String, Set<String>> NOT_YET_MOVED = Map.of(
            // ending every session bumps the credentials version and revokes the refresh tokens in one transaction
            "refresh_token", Set.of(ACCOUNTS));

    /**
     * Every read of a table outside its owner, per file: read-only queries that join several aggregates for one
     * screen or check (the read models named in the upload package comment), and owners whose own query joins a
     * neighbour's table. The test fails on a read missing here and on an entry no longer needed, so the list is
     * always exact: a new cross-aggregate read is a decision, not an accident.
     */
    static final Map<String, Set<String>> FOREIGN_READS = Map.ofEntries(
            // who may see what: one query per check over team, roster and uploads
            entry("com/skillmirror/portal/access/AccessPolicy.java",
                    Set.of("team", "team_member", "athlete", "upload", "video")),
            // the videos a user may compare with a pattern, and the patterns with their experts
            entry("com/skillmirror/portal/expert/ExpertComparisons.java",
                    Set.of("upload", "video", "athlete", "team_member", "artifact", "expert", "expert_pattern")),
            entry("com/skillmirror/portal/expert/ExpertPages.java", Set.of("expert_pattern")),
            // an athlete's analyses over time
            entry("com/skillmirror/report/progress/ProgressHistory.java", Set.of("upload", "video", "athlete", "skill")),
            // the key frames of a pattern's takes
            entry(EXPERTS, Set.of("video", "artifact")),
            // a video's downloadable files with their sizes and types
            entry("com/skillmirror/portal/report/ReportFiles.java", Set.of("artifact")),
            // an upload's athletes must be on its team's roster; "decoded" is the decode stage's outcome
            entry(UPLOADS, Set.of("athlete", "stage_result")),
            // the main person of each compared video is in the compare stage's result
            entry(COMPARISONS, Set.of("stage_result")),
            // sign-in and membership need the account row
            entry(TOKENS, Set.of("app_user")),
            entry(TEAMS, Set.of("app_user")),
            // the outbox fans the job's events out to the team's webhooks and sends each with its webhook's URL and secret
            entry(WEBHOOK_DELIVERIES, Set.of("webhook_event", "webhook")),
            // the age of the oldest partition waiting for a worker, of jobs still running
            entry("com/skillmirror/job/remote/PartitionQueueMetrics.java", Set.of("batch_job_execution")));

    private static final Pattern WRITE = Pattern.compile(
            "\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO|TRUNCATE(?:\\s+TABLE)?)\\s+([a-z_][a-z0-9_]*)\\b");
    private static final Pattern READ = Pattern.compile("\\b(?:FROM|JOIN)\\s+([a-z_][a-z0-9_]*)\\b");

    @Test
    void eachTableIsWrittenByItsOwnerOnly() throws IOException {
        Map<String, String> sources = mainSources();
        List<String> strangers = new ArrayList<>();
        Set<String> exceptionsSeen = new TreeSet<>();
        sources.forEach((file, text) -> {
            for (String table : writes(text)) {
                String owner = OWNERS.get(table);
                if (owner == null) {
                    strangers.add(file + " writes " + table + ", a table without an owner in TableOwnersTest.OWNERS");
                } else if (NOT_YET_MOVED.getOrDefault(table, Set.of()).contains(file)) {
                    exceptionsSeen.add(table + " " + file);
                } else if (!owner.equals(file)) {
                    strangers.add(file + " writes " + table + ", which only " + owner + " may write");
                }
            }
        });
        assertThat(strangers).as("SQL writing a table outside its owner: call the owner's method instead").isEmpty();
        Set<String> exceptions = new TreeSet<>();
        NOT_YET_MOVED.forEach((table, files) -> files.forEach(file -> exceptions.add(table + " " + file)));
        assertThat(exceptionsSeen).as("writers listed in NOT_YET_MOVED that still write; remove the others")
                .isEqualTo(exceptions);
        assertThat(OWNERS.values()).as("owners found among the main sources").allMatch(sources::containsKey);
    }

    @Test
    void tablesAreReadOutsideTheirOwnerOnlyWhereListed() throws IOException {
        Map<String, String> sources = mainSources();
        Map<String, Set<String>> found = new TreeMap<>();
        sources.forEach((file, text) -> {
            Matcher m = READ.matcher(text);
            while (m.find()) {
                String owner = OWNERS.get(m.group(1));
                if (owner != null && !owner.equals(file)) {
                    found.computeIfAbsent(file, f -> new TreeSet<>()).add(m.group(1));
                }
            }
        });
        Map<String, Set<String>> listed = new TreeMap<>();
        FOREIGN_READS.forEach((file, tables) -> listed.put(file, new TreeSet<>(tables)));
        assertThat(found).as("tables read outside their owner (ask the owner's repository, or list the read in"
                + " FOREIGN_READS and, for a read model, in the upload package comment)").isEqualTo(listed);
    }

    @Test
    void theScanSeesWritesInEveryShapeAndNotUpsertsOrLocks() {
        String sample = """
                jdbc.sql("INSERT INTO upload (id) VALUES (?)");
                jdbc.sql(\"""
                        UPDATE
                            video SET status = ? WHERE id = ?\""");
                jdbc.sql("DELETE FROM team_invite WHERE token_hash = ?");
                jdbc.sql("TRUNCATE TABLE audit_log");
                jdbc.sql("INSERT INTO skill (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name");
                jdbc.sql("SELECT * FROM app_user WHERE id = ? FOR UPDATE");
                // the coach may update the video tags later (prose, not SQL)
                """;
        assertThat(writes(sample)).containsExactly("upload", "video", "team_invite", "audit_log", "skill");
        assertThat(READ.matcher("SELECT v.id FROM team t JOIN\n  video v ON true").find()).isTrue();
        Matcher other = READ.matcher("SELECT * FROM video_stats");
        assertThat(other.find()).isTrue();
        assertThat(other.group(1)).as("a longer name is another table").isEqualTo("video_stats");
    }

    static List<String> writes(String text) {
        List<String> tables = new ArrayList<>();
        Matcher m = WRITE.matcher(text);
        while (m.find()) {
            tables.add(m.group(1));
        }
        return tables;
    }

    /** Each module's main Java sources by their path below src/main/java. */
    private static Map<String, String> mainSources() throws IOException {
        Path root = projectRoot();
        Map<String, String> sources = new java.util.TreeMap<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> walk = Files.walk(main)) {
                    for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                        String name = main.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                        assertThat(sources.put(name, Files.readString(file))).as("one " + name).isNull();
                    }
                }
            }
        }
        assertThat(sources).as("main sources read").hasSizeGreaterThan(100)
                .containsKeys("com/skillmirror/portal/team/TeamRepository.java", UPLOADS);
        return sources;
    }

    /** The folder holding the modules, from the module's folder (Maven's working directory) or the root itself. */
    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("batch-jobs")) && Files.isDirectory(dir.resolve("web-portal")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new UncheckedIOException(new IOException("No project root (with batch-jobs/ and web-portal/) above "
                    + Path.of("").toAbsolutePath() + "; run the test from inside the project"));
        }
        return dir;
    }
}
