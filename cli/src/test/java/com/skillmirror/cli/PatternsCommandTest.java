package com.skillmirror.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.testsupport.TestMedia;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** `patterns` on a real pose series file: the walker of OpenCV's vtest clip, tracked by the real pose engine. */
class PatternsCommandTest {

    @Test
    void buildsAPatternFromAPoseSeriesAndComparesATakeWithIt(@TempDir Path dir) throws Exception {
        PoseSeries walker = PoseClips.track(PoseClips.vtestWalker(TestMedia.file("opencv_vtest_pedestrians.avi"), 80),
                10, PoseOptions.defaults());
        Path pose = dir.resolve("walker.smps");
        try (OutputStream out = Files.newOutputStream(pose)) {
            walker.write(out);
        }
        Path patternFile = dir.resolve("pattern.json");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(stdout, true, StandardCharsets.UTF_8);

        assertThat(PatternsCommand.run(new String[] {"build", "lunge", patternFile.toString(), "--expert",
                "Unidentified pedestrian (test data)", "--licence", "OpenCV sample data", pose.toString()}, print,
                System.err)).isZero();
        ExpertPattern pattern = ExpertPattern.fromJson(Files.readString(patternFile));
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains(pattern.contentHash());

        stdout.reset();
        assertThat(PatternsCommand.run(new String[] {"compare", "lunge", patternFile.toString(), pose.toString()},
                print, System.err)).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(stdout.toString(StandardCharsets.UTF_8));
        assertThat(json.get("score").asDouble()).as("a take compared with a pattern of itself").isGreaterThanOrEqualTo(99.5);
        assertThat(json.get("pattern").get("contentHash").asString()).isEqualTo(pattern.contentHash());

        assertThat(PatternsCommand.run(new String[] {"compare", "squat", patternFile.toString(), pose.toString()},
                print, new PrintStream(OutputStream.nullOutputStream()))).as("a pattern of another skill").isNotZero();
    }

    @Test
    void listsTheSkillsAndRefusesUnknownCommands() {
        assertThat(Cli.run(new String[] {"patterns", "skills"})).isZero();
        assertThat(Cli.run(new String[] {"patterns", "frobnicate"})).isEqualTo(2);
        assertThat(Cli.run(new String[] {"patterns"})).isEqualTo(2);
    }
}
