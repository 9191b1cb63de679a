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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table. The main sources of every module are read: SQL that writes a table ({@code INSERT INTO},
 * {@code UPDATE}, {@code DELETE FROM}, {@code MERGE INTO}, {@code TRUNCATE}) may only sit in that table's owner, and
 * the upload aggregate's tables are read only by their owner and the read models the {@code upload} package comment
 * names. Files are named by their path below {@code src/main/java}, so a class moved to another module keeps its
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

    /** Every table our SQL writes, with the one class that writes it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            entry("upload", UPLOADS), entry("video", UPLOADS),
            entry("team", TEAMS), entry("team_member", TEAMS), entry("athlete", TEAMS), entry("team_invite", TEAMS),
            entry("app_user", ACCOUNTS), entry("refresh_token", TOKENS),
            entry("audit_log", "com/skillmirror/portal/access/AuditLog.java"),
            entry("expert", EXPERTS), entry("expert_pattern", EXPERTS),
            entry("expert_ingest", "com/skillmirror/job/ingest/ExpertIngest.java"),
            entry("skill", "com/skillmirror/skill/SkillRegistry.java"),
            entry("stage_result", STAGE_RESULTS), entry("artifact", STAGE_RESULTS), entry("comparison", COMPARISONS));

    /**
     * Writers besides the owner that are known and not yet moved, each with its reason. The test fails when one
     * is no longer needed, so this list only shrinks.
     */
    static final Map<String, Set<String>> NOT_YET_MOVED = Map.of(
            // ending every session bumps the credentials version and revokes the refresh tokens in one transaction
            "refresh_token", Set.of(ACCOUNTS));

    /** The other readers of the upload aggregate: read-only queries across aggregates for one screen or check. */
    static final Set<String> UPLOAD_READ_MODELS = Set.of(
            "com/skillmirror/portal/access/AccessPolicy.java",
            "com/skillmirror/portal/expert/ExpertComparisons.java",
            "com/skillmirror/report/progress/ProgressHistory.java",
            EXPERTS);

    private static final Pattern WRITE = Pattern.compile(
            "\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO|TRUNCATE(?:\\s+TABLE)?)\\s+([a-z_][a-z0-9_]*)\\b");
    private static final Pattern UPLOAD_READ = Pattern.compile("\\b(?:FROM|JOIN)\\s+(upload|video)\\b");

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
    void uploadsAndVideosAreReadByTheirOwnerAndTheNamedReadModelsOnly() throws IOException {
        Map<String, String> sources = mainSources();
        List<String> readers = new ArrayList<>();
        sources.forEach((file, text) -> {
            if (!file.equals(UPLOADS) && !UPLOAD_READ_MODELS.contains(file) && UPLOAD_READ.matcher(text).find()) {
                readers.add(file);
            }
        });
        assertThat(readers).as("reading upload or video outside " + UPLOADS + " and the read models of the upload"
                + " package comment: ask VideoRepository, or name a new read model in both places").isEmpty();
        assertThat(UPLOAD_READ_MODELS).as("read models that still read upload or video")
                .allMatch(file -> sources.containsKey(file) && UPLOAD_READ.matcher(sources.get(file)).find());
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
        assertThat(UPLOAD_READ.matcher("SELECT v.id FROM team t JOIN\n  video v ON true").find()).isTrue();
        assertThat(UPLOAD_READ.matcher("SELECT * FROM video_stats").find()).isFalse();
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
