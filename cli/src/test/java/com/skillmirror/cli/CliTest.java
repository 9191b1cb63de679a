package com.skillmirror.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.testsupport.TestClips;
import com.skillmirror.testsupport.TestMedia;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The README's main command on the embedded default (a real embedded PostgreSQL, local storage, in-process partitions). */
class CliTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    @SuppressWarnings("unchecked")
    void analyzeRunsTheJobOnTheEmbeddedDefaultWritesReportsAndFailsOnABadVideo(@TempDir Path dir) throws Exception {
        System.setProperty("skillmirror.home", dir.resolve("home").toString());
        try {
            Path talk = TestMedia.file("forensics_movie-hello_talking_head.mp4");
            Path silent = TestClips.video(dir.resolve("square clip.mp4"), 320, 240, 15, 1, false, 0);
            Path broken = Files.writeString(dir.resolve("broken.mp4"), "not a video");
            Path out = dir.resolve("out");

            int exit = Cli.run(new String[] {"analyze", "--skill", "public-speaking", "--athlete", "Sam", "--out",
                    out.toString(), talk.toString(), silent.toString(), broken.toString()});

            assertThat(exit).as("a failed video makes the command fail").isEqualTo(1);
            Map<String, Object> good = json.readValue(out.resolve("forensics_movie-hello_talking_head/report.json").toFile(), Map.class);
            assertThat(good).containsEntry("status", "COMPLETED").containsEntry("athlete", "Sam")
                    .containsEntry("skill", "public-speaking");
            Map<String, Map<String, Object>> stages = (Map<String, Map<String, Object>>) good.get("stages");
            assertThat(stages).containsKeys("decode", "pose", "speech", "compare");
            for (String stage : List.of("decode", "pose", "speech")) {
                assertThat(stages.get(stage)).containsEntry("status", "COMPLETED");
            }
            // nobody has ingested an expert pattern for public speaking: said, not failed
            assertThat(stages.get("compare")).containsEntry("status", "SKIPPED");
            assertThat((String) stages.get("compare").get("error")).contains("no expert pattern for Public speaking");

            Path exports = out.resolve("forensics_movie-hello_talking_head");
            for (String file : List.of("pose/landmarks.csv", "pose/landmarks.json", "pose/athlete.trc", "pose/overlay.mp4",
                    "speech/result.json", "report.html", "report.pdf")) {
                assertThat(exports.resolve(file)).as(file).isNotEmptyFile();
            }
            assertThat(Files.readString(exports.resolve("pose/athlete.trc"))).startsWith("PathFileType");
            assertThat(Files.readString(exports.resolve("report.html"))).contains("Sam").contains("<svg");
            assertThat(Files.readAllBytes(exports.resolve("report.pdf"))).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
            String team = Files.readString(out.resolve("team-report.html"));
            assertThat(team).contains("Ranking").contains("Sam").contains("broken.mp4").contains("Not a readable video");
            assertThat(Files.readAllBytes(out.resolve("team-report.pdf"))).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
            // a video that failed still gets its report, saying why
            assertThat(Files.readString(out.resolve("broken/report.html"))).contains("Not a readable video");
            try (var keyFrames = Files.list(exports.resolve("pose"))) {
                assertThat(keyFrames.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("keyframe-"));
            }

            Map<String, Object> bad = json.readValue(out.resolve("broken/report.json").toFile(), Map.class);
            assertThat(bad).containsEntry("status", "FAILED");
            assertThat(((Map<String, String>) bad.get("error")).get("message")).contains("Not a readable video");
            Map<String, Object> nobody = json.readValue(out.resolve("square_clip/report.json").toFile(), Map.class);
            assertThat(((Map<String, String>) nobody.get("error")).get("message")).contains("No athlete detected");
        } finally {
            System.clearProperty("skillmirror.home");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void poseWritesMediaPipeShapedJsonForAPhoto() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = PoseCommand.run(new String[] {"--model", "lite", TestMedia.file("opencv_messi5.jpg").toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        Map<String, Object> doc = json.readValue(bytes.toByteArray(), Map.class);
        assertThat(doc).containsEntry("model", "lite");
        List<Map<String, Object>> frames = (List<Map<String, Object>>) doc.get("frames");
        assertThat(frames).hasSize(1);
        List<Map<String, Object>> people = (List<Map<String, Object>>) frames.get(0).get("people");
        assertThat(people).hasSize(1);
        List<List<Number>> landmarks = (List<List<Number>>) people.get(0).get("landmarks");
        assertThat(landmarks).hasSize(33).allMatch(l -> l.size() == 4);
        assertThat(landmarks).allMatch(l -> l.get(0).doubleValue() > -0.2 && l.get(0).doubleValue() < 1.2);
        assertThat((List<?>) people.get(0).get("worldLandmarks")).hasSize(33);
    }

    @Test
    @SuppressWarnings("unchecked")
    void compareGivesTheTopLevelScoreAndATakeMatchesItself(@TempDir Path dir) throws Exception {
        System.setProperty("skillmirror.home", dir.resolve("home").toString());
        PrintStream stdout = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Path take = TestClips.excerpt(TestMedia.file("opencv_vtest_pedestrians.avi"), dir.resolve("walker.mp4"), 60, 4,
                    "crop=480:320:150:256,scale=960:640");
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            int exit = Cli.run(new String[] {"compare", "--skill", "running-gait", take.toString(), take.toString()});
            System.setOut(stdout);
            assertThat(exit).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
            Map<String, Object> comparison = json.readValue(bytes.toByteArray(), Map.class);
            assertThat(((Number) comparison.get("score")).doubleValue()).isGreaterThanOrEqualTo(95.0);
            assertThat(comparison).containsKeys("joints", "findings", "learningPath", "pattern");
        } finally {
            System.setOut(stdout);
            System.clearProperty("skillmirror.home");
        }
    }

    @Test
    void unknownCommandsAndMissingFilesAreUsageErrors() {
        assertThat(Cli.run(new String[] {"frobnicate"})).isEqualTo(2);
        assertThat(Cli.run(new String[] {"pose", "/no/such/file.mp4"})).isEqualTo(2);
        assertThat(Cli.run(new String[] {"analyze"})).isEqualTo(2);
        assertThat(Cli.run(new String[] {"--help"})).isZero();
    }
}
