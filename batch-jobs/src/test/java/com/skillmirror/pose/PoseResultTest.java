package com.skillmirror.pose;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.ResultCodec;
import com.skillmirror.analysis.Stage;
import com.skillmirror.pose.overlay.KeyFrames;
import com.skillmirror.testsupport.StoredShapes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pose stage's result as stored: a real run's row reads typed and is written back in the same shape. */
class PoseResultTest {

    @Test
    void aRealRunsRowReadsTypedAndKeepsItsShape() {
        Map<String, Object> row = StoredShapes.sampleResult(Stage.POSE);
        PoseResult pose = StoredShapes.assertReadsAndKeepsShape(row, PoseResult.STAGE_RESULT);

        assertThat(pose.mainPersonId()).isZero();
        assertThat(pose.people()).isEqualTo(2);
        assertThat(pose.note()).startsWith("2 people were tracked");
        assertThat(pose.keyFrames()).containsExactly(new PoseResult.KeyFrame(88, 2933, KeyFrames.Kind.MIN, 35.8),
                new PoseResult.KeyFrame(188, 6267, KeyFrames.Kind.MAX, 180.0));
        // stored as [first, last] pairs
        assertThat(pose.gaps()).isNotEmpty().hasSize(((List<?>) row.get("gaps")).size());
        assertThat(((List<?>) row.get("gaps")).get(0)).isEqualTo(List.of(pose.gaps().get(0).first(),
                pose.gaps().get(0).last()));
    }

    @Test
    void oneTrackedPersonHasNoNote() {
        PoseResult alone = new PoseResult("full", 25.0, 50, 48, 1, 0, 48, 0.9, null,
                List.of(new PoseResult.Gap(10, 11)), List.of());

        String stored = ResultCodec.write(alone, PoseResult.STAGE_RESULT.version());

        assertThat(stored).doesNotContain("note").contains("\"gaps\":[[10,11]]");
        assertThat(ResultCodec.read(stored, PoseResult.class, PoseResult.STAGE_RESULT.version())).isEqualTo(alone);
    }
}
