package com.skillmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link Artifact} and {@link StorageKeys} the only places artifact names and storage keys are spelt: the main
 * sources of every application module are read, and any artifact kind, artifact file name or key folder
 * ({@code "uploads/"}, {@code "patterns/"}, {@code "pose/chunks/"}, {@code "speech/windows/"}) written as a literal
 * elsewhere fails this test with its file and line.
 *
 * <p>Kinds with a hyphen ({@code pose-series}), file names in storage ({@code pose/series.bin}) and download names
 * ({@code landmarks.csv}) are never ordinary words, so any such literal counts.
 * Kinds that are also plain words ({@code speech} is a stage too, {@code audio} a temp-file prefix, {@code proxy} a
 * field of the decode summary) count where the line is about artifacts (it says "artifact" or "kind"), and always
 * in SQL quotes in Java ({@code kind = 'proxy'}) and as a download URL's path segment ({@code /files/overlay}); in a
 * script or template a single-quoted string follows the rule of any other string.
 */
class ArtifactLiteralsTest {

    private static final List<String> MODULES = List.of("batch-jobs", "web-portal", "worker", "expert-ingest", "cli");
    /** Pages and scripts name artifacts too: a template asking for a kind by its literal breaks silently on a rename. */
    private static final List<String> RESOURCE_FOLDERS = List.of("src/main/resources/templates", "src/main/resources/static");
    private static final Set<String> OWNERS = Set.of("Artifact.java", "UploadArtifact.java", "StorageKeys.java");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SQL_QUOTED = Pattern.compile("'([a-z][a-z-]*)'");
    /** A kind as a download URL's path segment ({@code /files/overlay}) in a template or script. */
    private static final Pattern FILES_SEGMENT = Pattern.compile("/files/([a-z][a-z-]*)");
    /** The folders StorageKeys builds keys under: a literal starting with one is a key built by hand. */
    private static final List<String> KEY_FOLDERS = List.of("uploads/", "patterns/", "pose/chunks/", "speech/windows/");

    @Test
    void noArtifactNameOrUploadKeyIsWrittenOutsideTheCatalogue() throws IOException {
        Path root = projectRoot();
        List<String> found = new ArrayList<>();
        int files = 0;
        int markupFiles = 0;
        for (String module : MODULES) {
            Path sources = root.resolve(module).resolve("src/main/java");
            assertThat(sources).as("main sources of " + module).isDirectory();
            try (Stream<Path> walk = Files.walk(sources)) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    if (!(file.getParent().endsWith("com/skillmirror/storage")
                            && OWNERS.contains(file.getFileName().toString()))) {
                        found.addAll(violations(root.relativize(file).toString(), Files.readAllLines(file)));
                    }
                }
            }
            for (String folder : RESOURCE_FOLDERS) {
                Path resources = root.resolve(module).resolve(folder);
                if (!Files.isDirectory(resources)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(resources)) {
                    for (Path file : walk.filter(p -> p.toString().matches(".*\\.(html|js)$")).toList()) {
                        markupFiles++;
                        found.addAll(violations(root.relativize(file).toString(), Files.readAllLines(file)));
                    }
                }
            }
        }
        assertThat(files).as("Java files read").isGreaterThan(100);
        assertThat(markupFiles).as("templates and scripts read").isGreaterThan(5);
        assertThat(found).as("artifact names or storage keys spelt outside storage/Artifact, UploadArtifact and"
                + " StorageKeys; name them by Artifact/UploadArtifact and build keys with StorageKeys").isEmpty();
    }

    @Test
    void theScanFindsEachKindOfLiteral() {
        List<String> found = violations("Sample.java", List.of(
                "String key = results.artifactKey(videoId, \"audio\").orElseThrow();",
                "store(video, json, \"pose-json\", \"pose/landmarks.json\", \"application/json\");",
                "storage.deleteAll(\"uploads/\" + uploadId + \"/\");",
                "    WHERE r.kind = 'pose-series'",
                "summary.put(\"proxy\", Map.of(\"width\", 1));",
                " * {@code \"uploads/\" + id} in a comment",
                "<a th:if=\"${v.artifacts.containsKey('report-html')}\">report</a>",
                "String key = \"patterns/\" + skillId + \"/\" + hash + \".json\";",
                "return StorageKeys.output(uploadId, videoId, \"pose/chunks/\" + first);",
                "String prefix = \"speech/windows/\";",
                "<video th:src=\"@{/videos/{id}/files/overlay(id=${video.videoId})}\"></video>"));
        assertThat(found).containsExactly(
                "Sample.java:1: \"audio\"",
                "Sample.java:2: \"pose-json\"",
                "Sample.java:2: \"pose/landmarks.json\"",
                "Sample.java:3: \"uploads/\"",
                "Sample.java:4: 'pose-series'",
                "Sample.java:7: 'report-html'",
                "Sample.java:8: \"patterns/\"",
                "Sample.java:9: \"pose/chunks/\"",
                "Sample.java:10: \"speech/windows/\"",
                "Sample.java:11: /files/overlay");
        assertThat(violations("sample.js", List.of(
                "speech: ['speech', 0.1],",
                "const url = artifactUrl('overlay');",
                "fetch('pose-json');")))
                .as("a script's single-quoted word is a stage name unless the line is about artifacts")
                .containsExactly("sample.js:2: 'overlay'", "sample.js:3: 'pose-json'");
    }

    static List<String> violations(String name, List<String> lines) {
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> fileNames = new LinkedHashSet<>();
        for (Artifact a : Artifact.values()) {
            kinds.add(a.kind());
            fileNames.add(a.fileName());
            a.export().ifPresent(e -> fileNames.add(e.downloadName()));
        }
        Arrays.stream(UploadArtifact.values()).forEach(a -> fileNames.add(a.fileName()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String code = line.strip();
            if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                continue;
            }
            boolean aboutArtifacts = line.toLowerCase(Locale.ROOT).contains("artifact")
                    || line.toLowerCase(Locale.ROOT).contains("kind");
            Matcher m = STRING.matcher(line);
            while (m.find()) {
                String s = m.group(1);
                boolean kind = kinds.contains(s) && (s.contains("-") || aboutArtifacts);
                if (kind || fileNames.contains(s) || KEY_FOLDERS.stream().anyMatch(s::startsWith)) {
                    out.add(name + ":" + (i + 1) + ": \"" + s + "\"");
                }
            }
            Matcher segment = FILES_SEGMENT.matcher(line);
            while (segment.find()) {
                if (kinds.contains(segment.group(1))) {
                    out.add(name + ":" + (i + 1) + ": /files/" + segment.group(1));
                }
            }
            // In Java a single-quoted word is SQL (kind = 'proxy'); in a script it is an ordinary string.
            boolean script = name.endsWith(".js") || name.endsWith(".html");
            Matcher q = SQL_QUOTED.matcher(line);
            while (q.find()) {
                String s = q.group(1);
                if (kinds.contains(s) && (!script || s.contains("-") || aboutArtifacts)) {
                    out.add(name + ":" + (i + 1) + ": '" + s + "'");
                }
            }
        }
        return out;
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
