package com.skillmirror.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/security.md true: every test it cites as {@code Class#method} must exist as a test method in some
 * module's src/test/java, so renaming or deleting a test that proves an ASVS requirement fails the build instead of
 * leaving the page citing nothing. Plain file reading, no Spring context.
 */
class SecurityDocTest {

    private static final Pattern REFERENCE = Pattern.compile("\\b([A-Z][A-Za-z0-9]*)#([a-z][A-Za-z0-9_]*)\\b");
    private static final Pattern TEST_ANNOTATION =
            // simple or fully qualified (@org.junit.jupiter.api.Test)
            Pattern.compile("@(?:[\\w.]+\\.)?(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");
    private static final Pattern REQUIREMENT_ROW = Pattern.compile("^\\| (\\d+)\\.(\\d+)\\.(\\d+) \\|([^|]*)\\|([^|]*)\\|");
    private static final Set<String> STATUSES = Set.of("Met", "Partly", "Not met", "N/A");

    private static Path root;
    private static String doc;
    private static Map<String, List<Path>> testSources;

    @BeforeAll
    static void read() throws IOException {
        root = repositoryRoot();
        doc = Files.readString(root.resolve("docs/security.md"), StandardCharsets.UTF_8);
        testSources = new TreeMap<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path testRoot : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(testRoot)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".java")).forEach(f -> testSources
                            .computeIfAbsent(f.getFileName().toString().replace(".java", ""), k -> new ArrayList<>())
                            .add(f));
                }
            }
        }
    }

    @Test
    void everyCitedTestExistsAsATestMethod() {
        Set<String> cited = new LinkedHashSet<>();
        Matcher m = REFERENCE.matcher(doc);
        while (m.find()) {
            cited.add(m.group());
        }
        // a parser that silently matches nothing would prove nothing
        assertThat(cited).as("Class#method references in docs/security.md").hasSizeGreaterThan(50);
        List<String> missing = new ArrayList<>();
        for (String reference : cited) {
            String[] parts = reference.split("#");
            List<Path> sources = testSources.getOrDefault(parts[0], List.of());
            if (sources.stream().noneMatch(source -> declaresTest(source, parts[1]))) {
                missing.add(reference + (sources.isEmpty() ? " (no class " + parts[0] + ".java under any src/test/java)"
                        : " (no test method " + parts[1] + " in " + root.relativize(sources.get(0)) + ")"));
            }
        }
        assertThat(missing).as("tests cited in docs/security.md that do not exist: rename the reference there, or"
                + " restore the test").isEmpty();
    }

    @Test
    void everyChapterIsThereWithRequirementsAndAKnownStatus() {
        for (int chapter = 1; chapter <= 14; chapter++) {
            assertThat(doc).as("chapter V" + chapter).containsPattern("(?m)^### V" + chapter + " ");
        }
        Set<Integer> chaptersWithRows = new java.util.TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String line : doc.split("\n")) {
            Matcher row = REQUIREMENT_ROW.matcher(line);
            if (row.find()) {
                chaptersWithRows.add(Integer.parseInt(row.group(1)));
                if (!STATUSES.contains(row.group(5).strip())) {
                    unknown.add(line);
                }
            }
        }
        assertThat(chaptersWithRows).as("chapters with requirement rows").hasSize(14);
        assertThat(unknown).as("rows whose status is not one of " + STATUSES).isEmpty();
    }

    /** Whether the file declares {@code void method(} with a JUnit test annotation in the block just above it. */
    static boolean declaresTest(Path source, String method) {
        List<String> lines;
        try {
            lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pattern declaration = Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(");
        for (int i = 0; i < lines.size(); i++) {
            if (declaration.matcher(lines.get(i)).find() && TEST_ANNOTATION.matcher(blockAbove(lines, i)).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The annotations, comments and modifiers above line {@code at}, back to the end of the previous member: a line
     * ending in ';', '{' or '}' that is not an annotation or a comment. Annotation arguments may span lines.
     */
    private static String blockAbove(List<String> lines, int at) {
        StringBuilder block = new StringBuilder(lines.get(at));
        for (int i = at - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            boolean comment = line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
            if (!comment && !line.startsWith("@") && (line.endsWith(";") || line.endsWith("{") || line.endsWith("}"))) {
                break;
            }
            block.append('\n').append(line);
        }
        return block.toString();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/security.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docs/security.md not found above " + Path.of("").toAbsolutePath()
                + "; run the tests from the repository or a module folder.");
    }
}
