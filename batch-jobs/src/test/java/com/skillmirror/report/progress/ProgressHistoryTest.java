package com.skillmirror.report.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.compare.Comparison;
import com.skillmirror.report.SampleReport;
import com.skillmirror.testsupport.OwnDatabaseTest;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Histories read from the rows the compare step writes (stage_result + comparison, with the comparison JSON of a
 * real run, its numbers changed per analysis), on the machine's PostgreSQL with the real schema: who counts as the
 * same athlete, the order, the cut at a video, failed analyses left out, and what "since last time" makes of it.
 */
@SpringBootTest(classes = TestAnalysisApplication.class)
class ProgressHistoryTest extends OwnDatabaseTest {

    private static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");

    @Autowired
    ProgressHistory history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void aRosterAthletesAnalysesPerSkillOldestFirstWithoutFailedOnesOrOtherAthletes() throws Exception {
        UUID team = team("U17");
        UUID ana = athlete(team, "Ana");
        UUID ben = athlete(team, "Ben");
        UUID upload = upload(team, null);
        // inserted out of order: the history orders by when each take was compared
        UUID third = analysed(upload, ana, null, "squat", 3, 44.0, 60.0);
        UUID first = analysed(upload, ana, null, "squat", 1, 20.0, 120.0);
        UUID second = analysed(upload, ana, null, "squat", 2, 30.0, 95.0);
        UUID lunge = analysed(upload, ana, null, "lunge", 4, 55.0, 90.0);
        failed(upload, ana, "squat", 5);
        analysed(upload, ben, null, "squat", 6, 90.0, 90.0);

        AthleteProgress progress = history.forAthlete(ana);

        assertThat(progress.athleteName()).isEqualTo("Ana");
        assertThat(progress.skills()).extracting(SkillTrend::skillId).containsExactly("lunge", "squat");
        SkillTrend squat = progress.skills().get(1);
        assertThat(squat.skillName()).isEqualTo("Squat");
        assertThat(squat.points()).extracting(ProgressPoint::videoId).containsExactly(first, second, third);
        assertThat(squat.points()).extracting(ProgressPoint::score).containsExactly(20.0, 30.0, 44.0);
        assertThat(squat.points().get(0).analysedAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(squat.points().get(1).metrics()).containsEntry("Deepest knee angle (deg)", 95.0)
                .containsKey("Left hip angle deviation (deg)");
        assertThat(progress.skills().get(0).points()).extracting(ProgressPoint::videoId).containsExactly(lunge);

        assertThat(history.forAthlete(athlete(team, "Cleo")).skills()).isEmpty();
        assertThatThrownBy(() -> history.forAthlete(UUID.randomUUID())).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aVideosHistoryStopsAtThatVideoAndSaysWhatChanged() throws Exception {
        UUID team = team("Seniors");
        UUID ana = athlete(team, "Ana");
        UUID upload = upload(team, null);
        analysed(upload, ana, null, "squat", 1, 20.0, 120.0);
        UUID second = analysed(upload, ana, null, "squat", 2, 30.0, 95.0);
        UUID third = analysed(upload, ana, null, "squat", 3, 31.0, 130.0);

        SkillTrend upToSecond = history.forVideo(second);
        assertThat(upToSecond.points()).hasSize(2);
        assertThat(upToSecond.latest().videoId()).isEqualTo(second);

        SinceLastTime since = SinceLastTime.of(history.forVideo(second), typed(30.0, 95.0)).orElseThrow();
        assertThat(since.overall()).isEqualTo(SinceLastTime.Verdict.IMPROVED);
        assertThat(since.changes().get(0)).satisfies(c -> {
            assertThat(c.label()).isEqualTo(SinceLastTime.SCORE);
            assertThat(c.delta()).isEqualTo(10.0);
        });
        // 120 -> 95 deg with a target of at most 100: into the target range
        assertThat(change(since, "Deepest knee angle (deg)").verdict()).isEqualTo(SinceLastTime.Verdict.IMPROVED);

        // +1 point is within noise; the knee leaves its target by 30 deg
        SinceLastTime next = SinceLastTime.of(history.forVideo(third), typed(31.0, 130.0)).orElseThrow();
        assertThat(next.overall()).isEqualTo(SinceLastTime.Verdict.UNCHANGED);
        assertThat(change(next, "Deepest knee angle (deg)").verdict()).isEqualTo(SinceLastTime.Verdict.REGRESSED);
        assertThat(change(next, "Deepest knee angle (deg)").delta()).isEqualTo(35.0);

        assertThat(SinceLastTime.of(history.forVideo(analysed(upload(team, null), athlete(team, "Dora"), null,
                "squat", 9, 50.0, 90.0)), typed(50.0, 90.0))).isEmpty();
    }

    @Test
    void typedNamesMatchWithinTheSameOwnerOnly() throws Exception {
        UUID teamA = team("A");
        UUID teamB = team("B");
        UUID zoeOnRoster = athlete(teamA, "Zoë");
        UUID earlierTyped = analysed(upload(teamA, null), null, "Zoë", "squat", 1, 20.0, 120.0);
        UUID earlierRoster = analysed(upload(teamA, null), zoeOnRoster, null, "squat", 2, 25.0, 110.0);
        analysed(upload(teamB, null), null, "Zoë", "squat", 3, 70.0, 90.0); // another team's Zoë
        analysed(upload(teamA, null), null, "Zoe", "squat", 4, 70.0, 90.0); // another name
        UUID now = analysed(upload(teamA, null), null, "  zoË ", "squat", 5, 35.0, 100.0);

        assertThat(history.forVideo(now).points()).extracting(ProgressPoint::videoId)
                .containsExactly(earlierTyped, earlierRoster, now);

        // the embedded default's uploads have neither team nor uploader: they form one library
        UUID cliFirst = analysed(upload(null, null), null, "Zoë", "squat", 6, 10.0, 140.0);
        UUID cliNow = analysed(upload(null, null), null, "Zoë", "squat", 7, 12.0, 140.0);
        assertThat(history.forVideo(cliNow).points()).extracting(ProgressPoint::videoId).containsExactly(cliFirst, cliNow);

        UUID nobody = analysed(upload(null, null), null, null, "squat", 8, 12.0, 140.0);
        assertThat(history.forVideo(nobody).points()).extracting(ProgressPoint::videoId).containsExactly(nobody);
    }

    // ---- rows as the upload, compare and portal code write them ----

    private UUID team(String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO team (id, name) VALUES (?, ?)").params(id, name).update();
        return id;
    }

    private UUID athlete(UUID team, String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO athlete (id, team_id, name) VALUES (?, ?, ?)").params(id, team, name).update();
        return id;
    }

    private UUID upload(UUID team, UUID creator) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO upload (id, team_id, created_by, status) VALUES (?, ?, ?, 'COMPLETED')")
                .params(id, team, creator).update();
        return id;
    }

    private UUID video(UUID upload, UUID athlete, String athleteName, String skill, String status) {
        UUID id = UUID.randomUUID();
        int position = jdbc.sql("SELECT count(*) FROM video WHERE upload_id = ?").param(upload).query(Integer.class)
                .single();
        jdbc.sql("""
                INSERT INTO video (id, upload_id, position, original_name, storage_key, size_bytes, athlete_id,
                                   athlete_name, skill_id, status) VALUES (?, ?, ?, 'take.mp4', 'k', 1, ?, ?, ?, ?)""")
                .params(id, upload, position, athlete, athleteName, skill, status).update();
        return id;
    }

    /** A take whose compare stage completed at T0 + hours, with this score and deepest knee angle. */
    private UUID analysed(UUID upload, UUID athlete, String athleteName, String skill, int hours, double score,
                          double knee) throws Exception {
        UUID video = video(upload, athlete, athleteName, skill, "COMPLETED");
        Map<String, Object> comparison = comparison(score, knee);
        String text = json.writeValueAsString(comparison);
        jdbc.sql("""
                INSERT INTO stage_result (video_id, stage, status, summary) VALUES (?, 'compare', 'COMPLETED',
                CAST(? AS jsonb))""").params(video, json.writeValueAsString(Map.of("personId", 1,
                "comparison", comparison))).update();
        UUID pattern = jdbc.sql("SELECT id FROM expert_pattern WHERE skill_id = ? LIMIT 1").param(skill)
                .query(UUID.class).single();
        // the person compared but not the main one: must not be taken for the athlete
        jdbc.sql("""
                INSERT INTO comparison (id, video_id, pattern_id, person_id, score, result, created_at)
                VALUES (?, ?, ?, 0, 99, CAST(? AS jsonb), ?)""")
                .params(UUID.randomUUID(), video, pattern, text, Timestamp.from(T0.plusSeconds(hours * 3600L - 60)))
                .update();
        jdbc.sql("""
                INSERT INTO comparison (id, video_id, pattern_id, person_id, score, result, created_at)
                VALUES (?, ?, ?, 1, ?, CAST(? AS jsonb), ?)""")
                .params(UUID.randomUUID(), video, pattern, score, text, Timestamp.from(T0.plusSeconds(hours * 3600L)))
                .update();
        return video;
    }

    private void failed(UUID upload, UUID athlete, String skill, int hours) {
        UUID video = video(upload, athlete, null, skill, "FAILED");
        jdbc.sql("INSERT INTO stage_result (video_id, stage, status, error_message) VALUES (?, 'compare', 'FAILED', ?)")
                .params(video, "Could not compare").update();
    }

    /** The comparison of {@link #comparison(double, double)} as the report reads stored comparisons. */
    private Comparison typed(double score, double knee) throws Exception {
        return SampleReport.comparison(comparison(score, knee));
    }

    /** The real run's comparison JSON, with this score and deepest knee angle. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> comparison(double score, double knee) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/report/sample-report.json")) {
            Map<String, Object> report = json.readValue(in, LinkedHashMap.class);
            Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                    ((Map<String, Object>) report.get("stages")).get("compare")).get("result")).get("comparison");
            c.put("score", score);
            for (Object m : (List<Object>) c.get("metrics")) {
                if ("knee_depth".equals(((Map<String, Object>) m).get("id"))) {
                    ((Map<String, Object>) m).put("value", knee);
                }
            }
            return c;
        }
    }

    private static SinceLastTime.Change change(SinceLastTime since, String label) {
        return since.changes().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
    }
}
