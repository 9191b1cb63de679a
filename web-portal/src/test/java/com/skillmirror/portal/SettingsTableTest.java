package com.skillmirror.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * README.md's configuration table against the configuration metadata of every module on this classpath (generated
 * from the settings records of batch-jobs and web-portal by spring-boot-configuration-processor, and Boot's own):
 * every skillmirror.* property is in the table and has a description, and every property the table names exists.
 */
class SettingsTableTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern NAME = Pattern.compile("(skillmirror|spring)(\\.[a-z0-9-]+)+");
    private static final Pattern RELATIVE = Pattern.compile("(\\.[a-z0-9-]+)+");

    @Test
    void everySkillmirrorPropertyIsInTheReadmeTable() throws IOException {
        Set<String> known = metadataProperties();
        Set<String> documented = tableProperties();
        Set<String> undocumented = new TreeSet<>();
        known.stream().filter(name -> name.startsWith("skillmirror.") && !documented.contains(name))
                .forEach(undocumented::add);
        assertThat(undocumented).as("skillmirror.* properties missing from README.md's configuration table: add a row")
                .isEmpty();
    }

    @Test
    void everyPropertyTheReadmeTableNamesExists() throws IOException {
        Set<String> known = metadataProperties();
        Set<String> documented = tableProperties();
        assertThat(documented).as("the table was read").contains("skillmirror.home", "skillmirror.pose.model");
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(known);
        assertThat(unknown).as("properties in README.md's configuration table that no module reads: fix the name,"
                + " or declare it in a settings record").isEmpty();
    }

    @Test
    void everySkillmirrorPropertyHasADescription() throws IOException {
        Set<String> bare = new TreeSet<>();
        metadata().stream().filter(p -> p.path("name").asString().startsWith("skillmirror."))
                .filter(p -> p.path("description").asString("").isBlank())
                .forEach(p -> bare.add(p.path("name").asString() + " (" + p.path("sourceType").asString("") + ")"));
        assertThat(bare).as("skillmirror.* properties without a description: add an @param to the settings record's"
                + " javadoc (the configuration processor makes it the description)").isEmpty();
    }

    static Set<String> metadataProperties() throws IOException {
        Set<String> names = new TreeSet<>();
        metadata().forEach(property -> names.add(property.path("name").asString()));
        return names;
    }

    /** Every property of every configuration metadata file on the classpath, generated and additional. */
    private static List<JsonNode> metadata() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        ClassLoader loader = SettingsTableTest.class.getClassLoader();
        for (String resource : new String[] {"META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json"}) {
            for (URL url : Collections.list(loader.getResources(resource))) {
                try (InputStream in = url.openStream()) {
                    json.readTree(in).path("properties").forEach(all::add);
                }
            }
        }
        Set<String> names = new TreeSet<>();
        Set<String> sourceTypes = new TreeSet<>();
        all.forEach(property -> {
            names.add(property.path("name").asString());
            sourceTypes.add(property.path("sourceType").asString(""));
        });
        assertThat(names.stream().filter(name -> name.startsWith("skillmirror.")).count())
                .as("generated skillmirror.* metadata on the classpath").isGreaterThan(20);
        assertThat(sourceTypes).as("metadata generated from the settings records of both modules (the configuration"
                + " processor runs in batch-jobs and web-portal)")
                .contains("com.skillmirror.upload.UploadSettings", "com.skillmirror.portal.security.SecuritySettings");
        assertThat(names).as("Boot's own metadata on the classpath").contains("spring.datasource.url");
        return all;
    }

    /**
     * The names in the table: skillmirror.* and spring.* in the property column, spring.* elsewhere (the other
     * columns also hold default values such as the queue name skillmirror.partitions); ".x" after a name means
     * the sibling property x.
     */
    static Set<String> tableProperties() throws IOException {
        String readme = Files.readString(repositoryRoot().resolve("README.md"), StandardCharsets.UTF_8);
        String table = readme.substring(readme.indexOf("## Configuration"));
        table = table.substring(0, table.indexOf("\n## ", 1) < 0 ? table.length() : table.indexOf("\n## ", 1));
        Set<String> names = new TreeSet<>();
        for (String line : table.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("(?<!\\\\)\\|");
            for (int column = 1; column < cells.length; column++) {
                String previous = null;
                Matcher code = CODE.matcher(cells[column]);
                while (code.find()) {
                    String token = code.group(1);
                    String name = null;
                    if (NAME.matcher(token).matches()) {
                        name = token;
                    } else if (previous != null && RELATIVE.matcher(token).matches()) {
                        name = previous.substring(0, previous.lastIndexOf('.')) + token;
                    }
                    if (name == null) {
                        continue;
                    }
                    previous = name;
                    if (column == 1 || name.startsWith("spring.")) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("sql")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
