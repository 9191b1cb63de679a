package com.skillmirror.expert;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.job.ingest.ExpertIngest;
import com.skillmirror.job.ingest.IngestReport;
import com.skillmirror.storage.Artifact;
import com.skillmirror.storage.LocalDiskStorage;
import com.skillmirror.testsupport.OwnDatabaseTest;
import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drops of real expert takes (a walker cut from a real street video) become one versioned pattern; a re-run does
 * nothing; a corrupt take is reported and left out; two ingests of the same drop at once make one pattern.
 */
@SpringBootTest(classes = TestAnalysisApplication.class)
class ExpertIngestTest extends OwnDatabaseTest {

    @Autowired
    ExpertIngest ingest;
    @Autowired
    ExpertPatterns patterns;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aDropBecomesOnePatternOnceWithItsCorruptTakeReported(@TempDir Path inbox) throws Exception {
        Path drop = Files.createDirectories(inbox.resolve("walker-2026"));
        writeTakes(drop, 3, 60);
        Files.writeString(drop.resolve("take-broken.mp4"), "this is no video");
        Files.writeString(drop.resolve("manifest.yaml"), """
                expert:
                  name: Pedestrian in the OpenCV sample
                  achievements: none claimed; a passer-by in a public test video
                  credits: OpenCV sample data (opencv-doc, vtest.avi)
                  licence: OpenCV sample data licence (Apache-2.0/BSD)
                skill: running-gait
                """);
        LocalDiskStorage source = new LocalDiskStorage(inbox);

        IngestReport first = ingest.run(source, "");
        assertThat(first.drops()).hasSize(1);
        IngestReport.DropOutcome outcome = first.drops().get(0);
        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo("INGESTED");
        assertThat(outcome.patternVersion()).isEqualTo(1);
        assertThat(outcome.takes()).filteredOn(t -> t.status().equals("USED")).hasSize(3);
        assertThat(outcome.takes()).filteredOn(t -> t.status().equals("SKIPPED")).singleElement()
                .satisfies(t -> assertThat(t.error()).contains("Not a readable video"));
        StoredPattern stored = patterns.find(UUID.fromString(outcome.patternId())).orElseThrow();
        assertThat(stored.pattern().takes()).isEqualTo(3);
        assertThat(stored.pattern().expert().footageLicence()).contains("Apache-2.0");
        assertThat(stored.pattern().hashMatches()).isTrue();
        // the expert's own key frames, for reports to show beside an athlete's
        Map<String, byte[]> expertFrames = patterns.keyFrames(outcome.contentHash(), Artifact.KEY_FRAMES);
        assertThat(expertFrames).containsOnlyKeys("keyframe-min", "keyframe-max");
        assertThat(expertFrames.values()).allSatisfy(jpeg -> assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8));

        int before = patternCount();
        IngestReport again = ingest.run(source, "");
        assertThat(again.drops()).extracting(IngestReport.DropOutcome::status).containsExactly("UNCHANGED");
        assertThat(patternCount()).isEqualTo(before);

        // a new drop, ingested by two instances at the same moment: one does it, the other sees it claimed
        Path second = Files.createDirectories(inbox.resolve("walker-second-session"));
        writeTakes(second, 3, 60.4);
        Files.copy(drop.resolve("manifest.yaml"), second.resolve("manifest.yaml"));
        Files.writeString(second.resolve("manifest.yaml"), "\n# second session\n", java.nio.file.StandardOpenOption.APPEND);
        CompletableFuture<IngestReport> a = CompletableFuture.supplyAsync(() -> run(source));
        CompletableFuture<IngestReport> b = CompletableFuture.supplyAsync(() -> run(source));
        List<String> statuses = List.of(status(a.get(), "walker-second-session"), status(b.get(), "walker-second-session"));
        assertThat(statuses).containsExactlyInAnyOrder("INGESTED", "UNCHANGED");
        assertThat(patternCount()).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM expert").query(Integer.class).single()).isEqualTo(1);
    }

    private static void writeTakes(Path drop, int count, double startSec) throws Exception {
        Path vtest = TestMedia.file("opencv_vtest_pedestrians.avi");
        for (int i = 0; i < count; i++) {
            TestClips.excerpt(vtest, drop.resolve("take-" + (i + 1) + ".mp4"), startSec + i * 0.7, 4,
                    "crop=480:320:150:256,scale=960:640");
        }
    }

    private IngestReport run(LocalDiskStorage source) {
        try {
            return ingest.run(source, "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String status(IngestReport report, String drop) {
        return report.drops().stream().filter(d -> d.drop().equals(drop)).findFirst().orElseThrow().status();
    }

    private int patternCount() {
        return jdbc.sql("SELECT count(*) FROM expert_pattern WHERE source = 'VIDEO'").query(Integer.class).single();
    }
}
