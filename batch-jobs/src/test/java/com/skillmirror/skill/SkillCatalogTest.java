package com.skillmirror.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.kinematics.CameraView;
import com.skillmirror.landmarks.PoseModel;
import com.skillmirror.skill.SkillDefinition.MetricKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillCatalogTest {

    private static final String MINIMAL = """
            id: wall-sit
            name: Wall sit
            version: 2
            poseModel: lite
            joints:
              - {angle: left_knee_angle, weight: 1}
            metrics:
              - {id: knee, name: Knee angle, kind: MEAN, signal: left_knee_angle, unit: deg, target: {min: 80, max: 100}}
            findings:
              - {id: high, metric: knee, above: 100, severity: low, message: "Sit lower ({value} deg)", drill: lower}
            drills:
              - {id: lower, name: Lower wall sit, level: 1}
            """;

    @Test
    void loadsEveryBuiltInSkill() {
        SkillCatalog catalog = SkillCatalog.load();
        assertThat(catalog.ids()).contains("squat", "push-up", "lunge", "jumping-jack", "golf-swing", "tennis-serve",
                "basketball-free-throw", "running-gait", "public-speaking", "presentation");
        SkillDefinition squat = catalog.get("squat");
        assertThat(squat.version()).isEqualTo(2); // 2: views on its metrics
        assertThat(squat.poseModel()).isEqualTo(PoseModel.FULL);
        assertThat(squat.jointNames()).contains("left_knee_angle", "trunk_lean");
        assertThat(squat.metric("knee_depth").source().citation()).contains("NSCA");
        assertThat(squat.reference().keyframes()).hasSize(3);
        SkillDefinition speaking = catalog.get("public-speaking");
        assertThat(speaking.speechMatters()).isTrue();
        assertThat(speaking.joints()).isEmpty();
        assertThat(speaking.metrics()).allMatch(m -> m.kind() == MetricKind.SPEECH);
        SkillDefinition presentation = catalog.get("presentation");
        assertThat(presentation.speechMatters()).isTrue();
        assertThat(presentation.metrics()).extracting(SkillDefinition.Metric::kind)
                .contains(MetricKind.SPEECH, MetricKind.MEAN_ABS, MetricKind.MEAN_SPEED);
        SkillDefinition running = catalog.get("running-gait");
        assertThat(running.cyclic()).isTrue();
        assertThat(running.metric("cadence").kind()).isEqualTo(MetricKind.CYCLE_RATE);
        assertThat(running.metric("cadence").source().citation()).contains("Heiderscheit");
        assertThat(catalog.find("underwater-basket-weaving")).isEmpty();
        assertThatThrownBy(() -> catalog.get("nope")).hasMessageContaining("squat");
    }

    @Test
    void aNewSkillIsANewFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("wall-sit.yaml"), MINIMAL);
        SkillCatalog catalog = SkillCatalog.load(dir);
        SkillDefinition s = catalog.get("wall-sit");
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.poseModel()).isEqualTo(PoseModel.LITE);
        assertThat(s.metric("knee").signal()).containsExactly("left_knee_angle");
        assertThat(s.findings().get(0).severity()).isEqualTo(SkillDefinition.Severity.LOW);
        assertThat(catalog.ids()).contains("squat", "wall-sit");
    }

    @Test
    void aSkillDefinedTwiceIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("squat.yaml"), MINIMAL.replace("wall-sit", "squat"));
        assertThatThrownBy(() -> SkillCatalog.load(dir)).hasMessageContaining("squat.yaml")
                .hasMessageContaining("field id").hasMessageContaining("defined twice");
    }

    private static void assertInvalid(String yaml, String... messageParts) {
        assertThatThrownBy(() -> SkillCatalog.parse("custom/wall-sit.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(SkillDefinitionException.class)
                .hasMessageStartingWith("custom/wall-sit.yaml: field ")
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void invalidFilesNameTheFileAndTheField() {
        assertInvalid(MINIMAL.replace("version: 2", "version: 2\nweigths: 3"), "weigths");
        assertInvalid(MINIMAL.replace("kind: MEAN", "kind: AVERAGE"), "metrics[0].kind", "AVERAGE");
        assertInvalid(MINIMAL.replace("{angle: left_knee_angle", "{angle: left_knee"), "joints[0].angle",
                "unknown angle 'left_knee'");
        assertInvalid(MINIMAL.replace("metric: knee,", "metric: knees,"), "findings[0].metric", "knees");
        assertInvalid(MINIMAL.replace("drill: lower}", "drill: higher}"), "findings[0].drill", "higher");
        assertInvalid(MINIMAL.replace("id: wall-sit", "id: wall-squat"), "field id", "wall-sit.yaml");
        assertInvalid(MINIMAL.replace("id: wall-sit", "id: Wall_Sit"), "field id", "kebab-case");
        assertInvalid(MINIMAL.replace("version: 2", "version: 0"), "field version");
        assertInvalid(MINIMAL.replace("above: 100, ", ""), "findings[0]", "'below' or 'above'");
        assertInvalid(MINIMAL.replace("target: {min: 80, max: 100}", "target: {min: 100, max: 80}"),
                "metrics[0].target", "min must not exceed max");
        assertInvalid(MINIMAL.replace("signal: left_knee_angle, unit", "signal: left_knee_angle, phase: hold, unit"),
                "metrics[0].phase", "hold");
        assertInvalid(MINIMAL + "events:\n  - {id: low, rule: MIN, signal: right_knee_angle}\n", "events[0].signal",
                "joints");
        assertInvalid(MINIMAL.replace("unit: deg,", "unit: deg, views: [sideways],"), "metrics[0].views",
                "Unknown camera view 'sideways'", "side-left");
        assertInvalid(MINIMAL.replace("{angle: left_knee_angle, weight: 1}",
                "{angle: left_knee_angle, weight: 1, views: []}"), "joints[0].views", "at least one view");
        assertInvalid(MINIMAL.replace("{angle: left_knee_angle, weight: 1}",
                "{angle: left_knee_angle, weight: 1, views: [side]}")
                .replace("unit: deg,", "unit: deg, views: [front],"), "metrics[0].views", "none in common");
    }

    /** Which views each metric and angle needs: declared, the kinds' defaults, and the joints' views narrowing them. */
    @Test
    void viewsOfMetricsAndJoints() {
        SkillCatalog catalog = SkillCatalog.load();
        SkillDefinition gait = catalog.get("running-gait");
        // knee flexion is sagittal: its symmetry is read from the side, each knee while it is the near one
        assertThat(gait.metricViews(gait.metric("knee_symmetry")))
                .containsExactlyInAnyOrder(CameraView.SIDE_LEFT, CameraView.SIDE_RIGHT);
        assertThat(gait.version()).isEqualTo(4);
        assertThat(gait.metricViews(gait.metric("stride_swing")))
                .containsExactlyInAnyOrder(CameraView.SIDE_LEFT, CameraView.SIDE_RIGHT, CameraView.OBLIQUE);
        // no views of its own, but its only signal is a joint compared from the side and at an angle only
        assertThat(gait.metric("trunk_lean").views()).isNull();
        assertThat(gait.metricViews(gait.metric("trunk_lean")))
                .containsExactlyInAnyOrder(CameraView.SIDE_LEFT, CameraView.SIDE_RIGHT, CameraView.OBLIQUE);
        assertThat(gait.metricViews(gait.metric("cadence"))).containsExactlyInAnyOrder(CameraView.values());
        // a symmetry metric without views defaults to both sides in plain view
        SkillDefinition custom = SkillCatalog.parse("custom/wall-sit.yaml", new ByteArrayInputStream(MINIMAL
                .replace("kind: MEAN, signal: left_knee_angle",
                        "kind: SYMMETRY, signal: [left_knee_angle, right_knee_angle]")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(custom.metricViews(custom.metric("knee"))).containsExactlyInAnyOrder(CameraView.FRONT,
                CameraView.BACK);
        // every built-in skill's metrics can be measured from some view
        for (String id : catalog.ids()) {
            SkillDefinition s = catalog.get(id);
            s.metrics().forEach(m -> assertThat(s.metricViews(m) == null || !s.metricViews(m).isEmpty())
                    .as(id + " " + m.id()).isTrue());
        }
    }
}
