package com.skillmirror.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertProfile;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.testsupport.TestMedia;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The score on footage a coach has: the real walker of OpenCV's vtest clip (crop 480x320+150+256 scaled 2x, as
 * {@code kinematics.PoseClips.vtestWalker}) re-encoded by FFmpeg at other speeds and frame rates and mirrored, and
 * the same walker's other takes against a pattern made from her own takes (test-retest). Every clip is a real
 * H.264 encode tracked by the real pose engine; poses are cached in target/pose-cache.
 */
class ScoreReliabilityTest {

    private static final ExpertProfile WALKER = new ExpertProfile(
            "Unidentified pedestrian in OpenCV's vtest.avi sample (test data)", null,
            "OpenCV samples, via the Debian opencv-doc package", "OpenCV sample data (Apache-2.0/BSD)");

    /** A whole-take walking skill (the walk is one take, not cut into strides). */
    private static final String WALK_SKILL = """
            id: walk-take
            name: Walk (whole take)
            version: 1
            poseModel: full
            joints:
              - {angle: left_knee_angle, weight: 1.0}
              - {angle: right_knee_angle, weight: 1.0}
              - {angle: left_hip_angle, weight: 1.0}
              - {angle: right_hip_angle, weight: 1.0}
              - {angle: left_elbow_angle, weight: 0.3}
              - {angle: right_elbow_angle, weight: 0.3}
              - {angle: trunk_lean, weight: 0.5}
            """;

    private static final String CROP = "crop=480:320:150:256,scale=960:640";
    private static final Path DIR = Path.of("target", "retimed-clips");

    private static SkillDefinition walk;
    private static Path vtest;
    private static FeatureSeries original;
    private static final Map<String, FeatureSeries> variants = new LinkedHashMap<>();
    private static final List<FeatureSeries> takes = new ArrayList<>();

    @BeforeAll
    static void clips() throws Exception {
        walk = SkillCatalog.parse("test/walk-take.yaml",
                new java.io.ByteArrayInputStream(WALK_SKILL.getBytes(StandardCharsets.UTF_8)));
        vtest = TestMedia.file("opencv_vtest_pedestrians.avi");
        Path clip = RetimedClips.filtered(vtest, DIR.resolve("walker.mp4"), 60, 8, CROP, 10);
        original = RetimedClips.angles(clip);
        Map<String, String[]> recipes = new LinkedHashMap<>();
        recipes.put("0.75x speed", new String[] {"setpts=PTS/0.75,fps=10", "10"});
        recipes.put("1.25x speed", new String[] {"setpts=PTS/1.25,fps=10", "10"});
        recipes.put("10 fps", new String[] {"fps=10", "10"});
        recipes.put("15 fps", new String[] {"fps=15", "15"});
        recipes.put("30 fps", new String[] {"fps=30", "30"});
        recipes.put("60 fps", new String[] {"fps=60", "60"});
        recipes.put("mirrored", new String[] {"hflip", "10"});
        for (var e : recipes.entrySet()) {
            String file = e.getKey().replaceAll("[^a-z0-9.]+", "_") + ".mp4";
            double fps = Double.parseDouble(e.getValue()[1]);
            variants.put(e.getKey(), RetimedClips.angles(
                    RetimedClips.filtered(clip, DIR.resolve(file), 0, 8, e.getValue()[0], fps)));
        }
        for (int start = 56; start + 4 <= 68; start += 4) {
            takes.add(RetimedClips.angles(
                    RetimedClips.filtered(vtest, DIR.resolve("take-" + start + ".mp4"), start, 4, CROP, 10)));
        }
    }

    @Test
    void retimedResampledAndMirroredCopiesScoreAsTheClipItself() {
        ExpertPattern pattern = new PatternBuilder(walk).build(List.of(original), WALKER);
        SkillComparator comparator = new SkillComparator(walk);
        System.out.println("self: " + comparator.compare(original, pattern).score());
        for (var e : variants.entrySet()) {
            double[][] v = e.getValue().select(pattern.features()).values();
            StringBuilder sb = new StringBuilder(e.getKey() + " steps:");
            for (int t = 1; t < Math.min(v.length, 40); t++) {
                double m = 0;
                for (int f = 0; f < v[t].length; f++) {
                    double d = Math.abs(v[t][f] - v[t - 1][f]);
                    if (d == d) { m = Math.max(m, d); }
                }
                sb.append(String.format(" %.2f", m));
            }
            System.out.println(sb);
        }
        for (var e : variants.entrySet()) {
            Comparison c = comparator.compare(e.getValue(), pattern);
            System.out.printf("%-12s frames %4d fps %4.0f score %5.1f mirrored %s tempo %s rom %s%n", e.getKey(),
                    e.getValue().length(), e.getValue().fps(), c.score(), c.mirrored(), c.tempo(), c.rom());
            System.out.println("   joints " + c.joints());
        }
    }

    @Test
    void testRetest() {
        SkillComparator comparator = new SkillComparator(walk);
        for (int left = 0; left < takes.size(); left++) {
            List<FeatureSeries> own = new ArrayList<>(takes);
            FeatureSeries scored = own.remove(left);
            ExpertPattern pattern = new PatternBuilder(walk).build(own, WALKER);
            Comparison c = comparator.compare(scored, pattern);
            System.out.printf("take %d vs pattern of the others (%s): %5.1f mirrored %s reliability %s tempo %s rom %s%n", left, pattern.features(),
                    c.score(), c.mirrored(), c.reliability(), c.tempo(), c.rom());
        }
        assertThat(takes).hasSize(3);
    }
}
