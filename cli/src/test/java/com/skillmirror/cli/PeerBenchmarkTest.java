package com.skillmirror.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** `bench peer`'s arithmetic and parsing (no Chromium, no timing): options, MediaPipe's result, the parity measure. */
class PeerBenchmarkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** 33 landmarks on a 0.2 x 0.4 (normalised) box: corners (0.4, 0.3) and (0.6, 0.7); the rest inside it. */
    private static double[][] person(double dx, double visibility) {
        double[][] p = new double[33][];
        for (int i = 0; i < 33; i++) {
            p[i] = new double[] {0.4 + 0.2 * (i % 2) + dx, 0.3 + 0.4 * (i % 3) / 2.0, 0, visibility};
        }
        return p;
    }

    @Test
    void errorIsTheMeanDistanceOverTheLargerSideOfMediapipesBox() {
        // 200 x 100 frame: MediaPipe's box is 0.2*200 = 40 px wide, 0.4*100 = 40 px high -> larger side 40 px;
        // ours shifted by 0.01*200 = 2 px on every landmark -> 2/40 = 5 %
        double[] e = PeerBenchmark.error(person(0, 0.9), person(0.01, 0.9), 200, 100);
        assertThat(e[0]).isCloseTo(0.05, within(1e-9));
        assertThat(e[1]).isCloseTo(0.05, within(1e-9));
        // landmarks MediaPipe does not see count only in the first figure
        double[][] ref = person(0, 0.9);
        double[][] ours = person(0, 0.9);
        ref[0][3] = 0.1;
        ours[0][0] += 33 * 0.01;   // landmark 0 alone off by 66 px: all = 66/33/40 = 5 %, visible = 0
        e = PeerBenchmark.error(ref, ours, 200, 100);
        assertThat(e[0]).isCloseTo(0.05, within(1e-9));
        assertThat(e[1]).isCloseTo(0, within(1e-9));
    }

    @Test
    void parsesMediapipesResultAndComparesFrameByFrame() {
        StringBuilder lm = new StringBuilder("[");
        double[][] p = person(0, 0.9);
        for (int i = 0; i < 33; i++) {
            lm.append(i > 0 ? "," : "").append('[').append(p[i][0]).append(',').append(p[i][1]).append(",0,0.9]");
        }
        lm.append(']');
        JsonNode result = JSON.readTree("{\"version\":\"1.1.0\",\"frames\":[{\"ms\":40,\"landmarks\":" + lm
                + "},{\"ms\":60,\"landmarks\":[]},{\"ms\":100,\"landmarks\":" + lm + "},{\"ms\":0,\"landmarks\":"
                + lm + "}]}");
        PeerBenchmark.Pass mp = PeerBenchmark.parsePass(result, 4);
        assertThat(mp.framesPerSecond()).isCloseTo(4 / 0.2, within(1e-9));
        assertThat(mp.withPose()).isEqualTo(3);

        PeerBenchmark.Pass ours = new PeerBenchmark.Pass(new double[] {10, 10, 10, 10},
                new double[][][] {person(0.01, 1), person(0, 1), null, person(0.03, 1)});
        assertThat(ours.framesPerSecond()).isCloseTo(100, within(1e-9));
        // frames 0 and 3 have a pose on both sides: MediaPipe 40 + 0 ms, ours 10 + 10 ms
        assertThat(mp.framesPerSecondWhereBoth(ours)).isCloseTo(2 / 0.04, within(1e-9));
        assertThat(ours.framesPerSecondWhereBoth(mp)).isCloseTo(100, within(1e-9));
        PeerBenchmark.Agreement a = PeerBenchmark.agreement(mp, ours, 200, 100);
        assertThat(a.compared()).isEqualTo(2);
        assertThat(a.missedByUs()).isEqualTo(1);
        assertThat(a.extraOfOurs()).isEqualTo(1);
        assertThat(a.mean()).isCloseTo(0.10, within(1e-9));
        assertThat(a.max()).isCloseTo(0.15, within(1e-9));

        assertThatThrownBy(() -> PeerBenchmark.parsePass(result, 5)).hasMessageContaining("4 frames, not 5");
        assertThatThrownBy(() -> PeerBenchmark.parsePass(JSON.readTree("{\"frames\":[{\"landmarks\":[]}]}"), 1))
                .hasMessageContaining("no time");
        assertThatThrownBy(() -> PeerBenchmark.parsePass(
                JSON.readTree("{\"frames\":[{\"ms\":1,\"landmarks\":[[0,0,0,1]]}]}"), 1))
                .hasMessageContaining("1 landmarks");
    }

    @Test
    void medianRatioAndCpuModel() {
        assertThat(PeerBenchmark.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(PeerBenchmark.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(PeerBenchmark.cpuModel("Architecture:  x86_64\nModel name:            AMD EPYC 7B12\nThread(s): 2\n"))
                .isEqualTo("AMD EPYC 7B12");
        assertThat(PeerBenchmark.cpuModel("")).isEqualTo("unknown");
    }

    @Test
    void findsTheCheckoutFromWhereItsClassesWereLoaded() {
        Path root = Path.of("/r/my checkout");
        for (String location : new String[] {"file:/r/my%20checkout/cli/target/classes/",
            "file:/r/my%20checkout/cli/target/cli-0.1.0-SNAPSHOT-exec.jar",
            "jar:nested:/r/my%20checkout/cli/target/cli-0.1.0-SNAPSHOT-exec.jar/!BOOT-INF/classes/!/",
            "jar:file:/r/my%20checkout/cli/target/cli-0.1.0-SNAPSHOT-exec.jar!/BOOT-INF/classes!/"}) {
            assertThat(PeerBenchmark.checkout(location)).as(location).isEqualTo(root);
        }
        assertThat(PeerBenchmark.checkout("file:/opt/skillmirror/cli.jar")).isNull();
        assertThat(PeerBenchmark.checkout("jrt:/java.base")).isNull();
    }

    @Test
    void optionsAreBounded() {
        PeerBenchmark.Options o = PeerBenchmark.Options.parse(new String[] {"a.mp4", "--frames", "250", "--rounds", "5"});
        assertThat(o.video()).isEqualTo(Path.of("a.mp4"));
        assertThat(o.frames()).isEqualTo(250);
        assertThat(o.rounds()).isEqualTo(5);
        assertThat(PeerBenchmark.Options.parse(new String[] {"a.mp4"}).frames()).isEqualTo(300);
        for (String[] bad : new String[][] {{"a.mp4", "--frames", "2001"}, {"a.mp4", "--frames", "0"},
            {"a.mp4", "--frames", "1.5"}, {"a.mp4", "--rounds", "16"}, {"a.mp4", "--frames"}, {"a.mp4", "b.mp4"},
            {"--bogus", "a.mp4"}, {}}) {
            assertThatThrownBy(() -> PeerBenchmark.Options.parse(bad)).as(String.join(" ", bad))
                    .isInstanceOf(Cli.UsageException.class);
        }
    }
}
