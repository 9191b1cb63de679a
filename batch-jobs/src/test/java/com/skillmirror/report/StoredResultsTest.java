package com.skillmirror.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.analysis.ResultCodec;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageOutcome;
import com.skillmirror.analysis.StageResults;
import com.skillmirror.compare.CompareResult;
import com.skillmirror.compare.Comparison;
import com.skillmirror.compare.ComparisonRepository;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.storage.Artifact;
import com.skillmirror.testsupport.OwnDatabaseTest;
import com.skillmirror.testsupport.StoredShapes;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows written before stage results were typed, inserted as they were (a real run's report.json holds them exactly,
 * unversioned), read typed through {@link StageResults} and {@link ComparisonRepository}, and shown in report.json as
 * before; rows written now carry their version and show the same.
 */
@SpringBootTest(classes = TestAnalysisApplication.class)
class StoredResultsTest extends OwnDatabaseTest {

    private static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");

    @Autowired
    StageResults stages;
    @Autowired
    ComparisonRepository comparisons;
    @Autowired
    VideoRepository videos;
    @Autowired
    JdbcClient jdbc;

    @Test
    void rowsOfTheShapeBeforeVersionsReadTypedAndShowAsBefore() {
        Map<String, Object> report = StoredShapes.sampleReport();
        UUID videoId = video();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> sampleStages = (Map<String, Map<String, Object>>) report.get("stages");
        sampleStages.forEach((stage, row) -> jdbc.sql("""
                INSERT INTO stage_result (video_id, stage, status, summary, error_message)
                VALUES (?, ?, ?, CAST(? AS jsonb), ?)""")
                .params(videoId, stage, row.get("status"), StoredShapes.json(row.get("result")), row.get("error"))
                .update());
        jdbc.sql("""
                INSERT INTO stage_result (video_id, stage, status, summary)
                VALUES (?, 'report', 'COMPLETED', '{"htmlBytes": 674738, "pdfBytes": 348756}')""").param(videoId)
                .update();

        Video video = videos.find(videoId).orElseThrow();
        VideoResults read = VideoResults.read(video, stages);

        VideoResults expected = SampleReport.typed(report);
        assertThat(read.decode()).isEqualTo(expected.decode());
        assertThat(read.pose()).isEqualTo(expected.pose());
        assertThat(read.speech()).isEqualTo(expected.speech());
        assertThat(read.compare()).isEqualTo(expected.compare());
        assertThat(read.comparison().score()).isEqualTo(19.2);
        assertThat(read.outcomes().values()).extracting(StageOutcome::status)
                .containsOnly(StageOutcome.Status.COMPLETED);
        assertThat(stages.result(videoId, ReportResult.STAGE_RESULT)).contains(new ReportResult(674738, 348756));

        // report.json shows them as they were stored
        Map<String, Map<String, Object>> shown = stages.forVideo(videoId);
        assertThat(shown.keySet()).containsExactly("decode", "pose", "speech", "compare", "report");
        sampleStages.forEach((stage, row) -> assertThat(StoredShapes.canonical(shown.get(stage).get("result")))
                .as(stage).isEqualTo(StoredShapes.canonical(row.get("result"))));

        // written again now: versioned in the row, the same in report.json
        stages.complete(videoId, PoseResult.STAGE_RESULT, read.pose());
        assertThat(jdbc.sql("SELECT summary ->> ? FROM stage_result WHERE video_id = ? AND stage = 'pose'")
                .params(ResultCodec.VERSION_FIELD, videoId).query(String.class).single()).isEqualTo("1");
        assertThat(StoredShapes.canonical(stages.forVideo(videoId).get("pose").get("result")))
                .isEqualTo(StoredShapes.canonical(sampleStages.get("pose").get("result")));
    }

    @Test
    void aStageThatDidNotCompleteHasNoResultButItsReason() {
        UUID videoId = video();
        stages.skipped(videoId, Stage.SPEECH, "The video has no audio track: speech analysis was skipped.");
        stages.failed(videoId, Stage.POSE, "No athlete detected in any frame.");

        VideoResults read = VideoResults.read(videos.find(videoId).orElseThrow(), stages);

        assertThat(read.speech()).isNull();
        assertThat(read.pose()).isNull();
        assertThat(read.outcomes()).containsOnlyKeys(Stage.POSE, Stage.SPEECH);
        assertThat(read.outcomes().get(Stage.SPEECH)).isEqualTo(new StageOutcome(Stage.SPEECH,
                StageOutcome.Status.SKIPPED, "The video has no audio track: speech analysis was skipped."));
        assertThat(stages.forVideo(videoId).get("speech")).containsOnlyKeys("status", "error");
    }

    @Test
    void comparisonRowsOfTheShapeBeforeVersionsReadTyped() {
        Map<String, Object> report = StoredShapes.sampleReport();
        Map<String, Object> comparison = SampleReport.comparisonJson(report);
        UUID videoId = video();
        UUID pattern = jdbc.sql("SELECT id FROM expert_pattern WHERE skill_id = 'squat' LIMIT 1").query(UUID.class)
                .single();
        jdbc.sql("""
                INSERT INTO stage_result (video_id, stage, status, summary)
                VALUES (?, 'compare', 'COMPLETED', CAST(? AS jsonb))""")
                .params(videoId, StoredShapes.json(Map.of("personId", 1, "comparison", comparison))).update();
        for (int person : List.of(0, 1)) {
            jdbc.sql("""
                    INSERT INTO comparison (id, video_id, pattern_id, person_id, score, result, created_at)
                    VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?)""")
                    .params(UUID.randomUUID(), videoId, pattern, person, 10.0 + person,
                            StoredShapes.json(comparison), Timestamp.from(T0))
                    .update();
        }

        List<ComparisonRepository.MainComparison> main = comparisons.mainComparisons(List.of(videoId));

        assertThat(main).singleElement().satisfies(c -> {
            assertThat(c.videoId()).isEqualTo(videoId);
            assertThat(c.score()).isEqualTo(11.0);
            assertThat(c.comparedAt()).isEqualTo(T0);
            assertThat(c.comparison()).isEqualTo(SampleReport.comparison(comparison));
        });
        assertThat(comparisons.patternId(videoId, 1)).contains(pattern);
        assertThat(comparisons.mainComparisons(List.of())).isEmpty();
    }

    @Test
    void anAnalysisIsCopiedToOtherVideosEachADayOlder() throws Exception {
        UUID from = video();
        UUID pattern = jdbc.sql("SELECT id FROM expert_pattern WHERE skill_id = 'squat' LIMIT 1").query(UUID.class)
                .single();
        Comparison comparison = SampleReport.comparison(SampleReport.comparisonJson(StoredShapes.sampleReport()));
        stages.complete(from, CompareResult.STAGE_RESULT,
                new CompareResult(0, comparison, List.of()));
        stages.store(UUID.randomUUID(), from, Artifact.THUMBNAIL, new byte[] {1});
        comparisons.add(from, pattern, 0, comparison);
        List<UUID> copies = List.of(video(), video());

        stages.copy(from, copies, Duration.ofDays(1));
        comparisons.copy(from, copies, Duration.ofDays(1));

        List<ComparisonRepository.MainComparison> all = comparisons.mainComparisons(List.of(from, copies.get(0),
                copies.get(1)));
        // oldest first: the second copy is two days older, the first one day
        assertThat(all).extracting(ComparisonRepository.MainComparison::videoId)
                .containsExactly(copies.get(1), copies.get(0), from);
        assertThat(Duration.between(all.get(0).comparedAt(), all.get(2).comparedAt())).isEqualTo(Duration.ofDays(2));
        assertThat(all).extracting(ComparisonRepository.MainComparison::comparison).containsOnly(comparison);
        for (UUID copy : copies) {
            assertThat(stages.key(copy, Artifact.THUMBNAIL)).isEqualTo(stages.key(from, Artifact.THUMBNAIL));
            assertThat(stages.result(copy, CompareResult.STAGE_RESULT).orElseThrow()
                    .comparison()).isEqualTo(comparison);
        }
    }

    private UUID video() {
        UUID upload = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO upload (id, status) VALUES (?, 'COMPLETED')").param(upload).update();
        jdbc.sql("""
                INSERT INTO video (id, upload_id, position, original_name, storage_key, size_bytes, athlete_name,
                                   skill_id, status)
                VALUES (?, ?, 0, 'take.mp4', 'k', 1, 'Zoë', 'squat', 'COMPLETED')""")
                .params(id, upload).update();
        return id;
    }
}
