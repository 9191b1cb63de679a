package com.skillmirror.compare;

import com.skillmirror.expert.ExpertProfile;
import com.skillmirror.kinematics.PoseClips;
import com.skillmirror.landmarks.PoseSeries;
import com.skillmirror.pose.PoseOptions;
import com.skillmirror.skill.SkillCatalog;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.testsupport.TestMedia;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * The walker of OpenCV's vtest clip as the comparison tests use her: who she is, her walk tracked by the real pose
 * engine, and her walk as skills written the way a club would add one (a file).
 */
public final class VtestWalker {

    /** She is an unidentified passer-by: the profile says exactly that and names nobody. */
    public static final ExpertProfile PROFILE = new ExpertProfile(
            "Unidentified pedestrian in OpenCV's vtest.avi sample (test data)", null,
            "OpenCV samples, via the Debian opencv-doc package", "OpenCV sample data (Apache-2.0/BSD)");

    /**
     * The walk as one take (not cut into strides, as the built-in running-gait skill does): what "compared with
     * itself", "resampled" and test-retest are about.
     */
    public static final String WALK_TAKE_SKILL = """
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

    /** A stride as a whole-take skill, so a run of strides is a set of repetitions, split as squats are. */
    static final String STRIDE_TAKE_SKILL = """
            id: stride-take
            name: Stride (whole take)
            version: 1
            poseModel: full
            joints:
              - {angle: left_knee_angle, weight: 1.0}
              - {angle: right_knee_angle, weight: 1.0}
              - {angle: left_hip_angle, weight: 1.0}
              - {angle: right_hip_angle, weight: 1.0}
            events:
              - {id: left-swing, rule: MIN, signal: [left_knee_angle]}
            phases:
              - {id: swing, from: start, to: left-swing}
              - {id: rest, from: left-swing, to: end}
            """;

    private static PoseSeries tracked;

    private VtestWalker() {
    }

    static SkillDefinition skill(String yaml) {
        String id = yaml.lines().findFirst().orElseThrow().replace("id:", "").trim();
        return SkillCatalog.parse("test/" + id + ".yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Her first 80 frames at 10 fps (8 s of walking, cropped and scaled 2x), tracked once per test JVM. */
    public static synchronized PoseSeries poses() throws Exception {
        if (tracked == null) {
            tracked = PoseClips.track(PoseClips.vtestWalker(TestMedia.file("opencv_vtest_pedestrians.avi"), 80), 10,
                    PoseOptions.defaults());
        }
        return tracked;
    }
}
