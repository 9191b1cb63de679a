package com.skillmirror.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResult;
import java.util.List;

/**
 * The compare stage's result (stage_result compare): the athlete's comparison, and how the other people of a team
 * clip did. Every person's comparison is also a {@code comparison} row ({@link ComparisonRepository}).
 *
 * @param personId    the athlete: the pose stage's main person
 * @param otherPeople the others compared, in the order they were; absent when there were none
 */
public record CompareResult(int personId, Comparison comparison,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<OtherPerson> otherPeople) {

    public static final StageResult<CompareResult> STAGE_RESULT =
            new StageResult<>(Stage.COMPARE, CompareResult.class, 1);

    public CompareResult {
        otherPeople = otherPeople == null ? List.of() : List.copyOf(otherPeople);
    }

    /** Another person's score, or why their take could not be compared. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OtherPerson(int personId, Double score, String error) {

        public static OtherPerson scored(int personId, double score) {
            return new OtherPerson(personId, score, null);
        }

        public static OtherPerson unusable(int personId, String error) {
            return new OtherPerson(personId, null, error);
        }
    }
}
