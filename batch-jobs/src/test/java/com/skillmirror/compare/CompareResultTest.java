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
