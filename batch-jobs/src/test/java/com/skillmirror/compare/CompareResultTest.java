package com.skillmirror.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.analysis.ResultCodec;
import com.skillmirror.analysis.Stage;
import com.skillmirror.testsupport.StoredShapes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compare stage's result and the comparison rows as stored: a real run's rows read typed and are written back
 * in the same shape.
 */
class CompareResultTest {

    @Test
    void aRealRunsRowReadsTypedAndKeepsItsShape() {
        CompareResult compare = StoredShapes.assertReadsAndKeepsShape(StoredShapes.sampleResult(Stage.COMPARE),
                CompareResult.STAGE_RESULT);

        assertThat(compare.personId()).isZero();
        assertThat(compare.comparison().pattern().source()).hasToString("PUBLISHED_NORM");
        assertThat(compare.comparison().metrics()).extracting(Comparison.MetricResult::id).contains("knee_depth");
        // the second person of the team clip could not be compared: an error instead of a score
        assertThat(compare.otherPeople()).singleElement().satisfies(other -> {
            assertThat(other.personId()).isEqualTo(1);
            assertThat(other.score()).isNull();
            assertThat(other.error()).contains("too few to compare");
        });
    }

    @Test
    void aComparisonRowReadsTypedAndKeepsItsShape() {
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) StoredShapes.sampleResult(Stage.COMPARE).get("comparison");

        Comparison comparison = ResultCodec.read(StoredShapes.json(row), Comparison.class, Comparison.SCHEMA_VERSION);
        String stored = ResultCodec.write(comparison, Comparison.SCHEMA_VERSION);

        assertThat(ResultCodec.read(stored, Comparison.class, Comparison.SCHEMA_VERSION)).isEqualTo(comparison);
        assertThat(StoredShapes.canonical(ResultCodec.plain(stored))).isEqualTo(StoredShapes.canonical(row));
    }

    /** The fields of issue 15's valid metrics: a withheld metric's reason and the capture facts, stored and read back. */
    @Test
    void withheldMetricsAndCaptureQualityAreStoredAndReadBack() {
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) StoredShapes.sampleResult(Stage.COMPARE).get("comparison");
        Comparison old = ResultCodec.read(StoredShapes.json(row), Comparison.class, Comparison.SCHEMA_VERSION);
        assertThat(old.capture()).isNull();
        assertThat(old.metrics()).allSatisfy(m -> assertThat(m.withheld()).isNull());

        Comparison.MetricResult withheld = new Comparison.MetricResult("knee_symmetry", "Knee symmetry", "%", null,
                null, 10.0, null, null, "filmed from the side (side-right 74 % of the frames): the far knee is hidden");
        Comparison.CaptureQuality capture = new Comparison.CaptureQuality(39, Map.of("side-right", 0.744,
                "oblique", 0.205), "side-right", 0.417, 10, 0.231, 0.59, List.of("left_knee_angle"),
                List.of("View: the athlete was filmed mostly from the side."));
        Comparison c = new Comparison(old.score(), old.scoreFormula(), old.mirrored(), old.mirrorNote(), old.pattern(),
                old.skillId(), old.skillVersion(), old.joints(), old.phases(), old.tempo(), old.rom(), old.symmetry(),
                List.of(withheld), old.findings(), old.learningPath(), old.data(), null, old.reliability(), capture);
        String stored = ResultCodec.write(c, Comparison.SCHEMA_VERSION);

        assertThat(stored).contains("\"withheld\":\"filmed from the side").contains("\"capture\":{");
        assertThat(ResultCodec.read(stored, Comparison.class, Comparison.SCHEMA_VERSION)).isEqualTo(c);
    }

    @Test
    void aTakeWithoutOtherPeopleHasNoOtherPeopleField() {
        Comparison comparison = StoredShapes.assertReadsAndKeepsShape(StoredShapes.sampleResult(Stage.COMPARE),
                CompareResult.STAGE_RESULT).comparison();
        CompareResult alone = new CompareResult(0, comparison, List.of());
        CompareResult team = new CompareResult(0, comparison, List.of(CompareResult.OtherPerson.scored(2, 41.5)));

        assertThat(ResultCodec.write(alone, 1)).doesNotContain("otherPeople");
        assertThat(StoredShapes.assertReadsAndKeepsShape(StoredShapes.toMap(team), CompareResult.STAGE_RESULT)
                .otherPeople()).containsExactly(new CompareResult.OtherPerson(2, 41.5, null));
        assertThat(ResultCodec.write(team, 1)).contains("{\"personId\":2,\"score\":41.5}");
    }
}
