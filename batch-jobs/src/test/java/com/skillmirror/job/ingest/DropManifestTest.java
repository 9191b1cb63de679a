package com.skillmirror.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.storage.LocalDiskStorage;
import com.skillmirror.testsupport.OwnDatabaseTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * manifest.yaml of expert drops as the ingest reads it: a bad manifest fails its drop with a message saying what to
 * fix (before any take is analysed); a well-formed one is read field by field.
 */
@SpringBootTest(classes = TestAnalysisApplication.class)
class DropManifestTest extends OwnDatabaseTest {

    @Autowired
    ExpertIngest ingest;

    @Test
    void badManifestsFailTheirDropWithWhatToFix(@TempDir Path inbox) throws IOException {
        drop(inbox, "not-yaml", "expert: [unclosed\nskill: squat\n");
        drop(inbox, "no-licence", """
                expert:
                  name: Coach Ana
                skill: squat
                """);
        drop(inbox, "no-expert", "skill: squat\n");
        drop(inbox, "unknown-skill", """
                expert:
                  name: Coach Ana
                  licence: CC-BY-4.0
                skill: underwater-basket-weaving
                """);

        Map<String, IngestReport.DropOutcome> outcomes = byDrop(ingest.run(new LocalDiskStorage(inbox), ""));

        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.status()).isEqualTo("FAILED"));
        assertThat(outcomes.get("not-yaml").error()).startsWith("manifest.yaml is not valid YAML for a drop");
        assertThat(outcomes.get("no-licence").error())
                .isEqualTo("manifest.yaml needs expert.name and expert.licence (the footage's licence)");
        assertThat(outcomes.get("no-expert").error()).contains("needs expert.name and expert.licence");
        assertThat(outcomes.get("unknown-skill").error())
                .isEqualTo("Unknown skill 'underwater-basket-weaving' in manifest.yaml");
    }

    @Test
    void aWellFormedManifestIsReadFieldByField(@TempDir Path inbox) throws IOException {
        String manifest = """
                expert:
                  name: Coach Ana
                  achievements: national squat champion 2024
                  credits: filmed by the club
                  licence: CC-BY-4.0
                skill: squat
                takes:
                  - take-1.mp4
                  - take-2.mp4
                """;
        drop(inbox, "ana", manifest);

        DropManifest read = tools.jackson.dataformat.yaml.YAMLMapper.builder().build()
                .readValue(manifest, DropManifest.class);
        assertThat(read).isEqualTo(new DropManifest(new DropManifest.Expert("Coach Ana",
                "national squat champion 2024", "filmed by the club", "CC-BY-4.0"), "squat",
                java.util.List.of("take-1.mp4", "take-2.mp4")));

        // the ingest reads the same manifest, gets past every check on it and stops at the missing takes
        IngestReport.DropOutcome outcome = byDrop(ingest.run(new LocalDiskStorage(inbox), "")).get("ana");
        assertThat(outcome.status()).isEqualTo("FAILED");
        assertThat(outcome.error()).isEqualTo("No take videos in the drop");
        assertThat(outcome.skill()).isEqualTo("squat");
        assertThat(outcome.expert()).isEqualTo("Coach Ana");
    }

    @Test
    void withoutTakesTheManifestMeansEveryVideo() throws IOException {
        DropManifest read = tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readValue("""
                expert:
                  name: Coach Ana
                  licence: CC-BY-4.0
                skill: squat
                """, DropManifest.class);

        assertThat(read.takes()).isEmpty();
        assertThat(read.expert().achievements()).isNull();
    }

    private static void drop(Path inbox, String name, String manifest) throws IOException {
        Files.writeString(Files.createDirectories(inbox.resolve(name)).resolve("manifest.yaml"), manifest);
    }

    private static Map<String, IngestReport.DropOutcome> byDrop(IngestReport report) {
        Map<String, IngestReport.DropOutcome> out = new TreeMap<>();
        report.drops().forEach(d -> out.put(d.drop(), d));
        return out;
    }
}
