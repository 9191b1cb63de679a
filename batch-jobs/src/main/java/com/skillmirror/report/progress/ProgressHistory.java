package com.skillmirror.report.progress;

import com.skillmirror.compare.ComparisonRepository;
import com.skillmirror.compare.ComparisonRepository.MainComparison;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An athlete's analyses over time, per skill, from the stored comparisons ({@link ComparisonRepository}).
 * <p>An analysis counts when its compare stage COMPLETED: its point is the main person's comparison (the one the
 * report shows), dated when it was compared. Several takes of one upload are several analyses, in the order they
 * were compared.
 * <p>Who is "the same athlete":
 * <ul>
 *   <li>a video tagged with a roster athlete ({@code video.athlete_id}) is matched by that id only: the roster is the
 *       identity, so renaming an athlete keeps the history and two namesakes in different teams stay apart;</li>
 *   <li>a video with only a typed name ({@code video.athlete_name}, e.g. from the CLI) is matched by that name
 *       (trimmed, case-insensitive; a roster athlete's name counts as typed) among the videos of the same owner: the
 *       upload's team when it has one, else the same uploader, else (the embedded single-user default, whose uploads
 *       have neither) the other uploads that have neither;</li>
 *   <li>a video with neither has no history but itself.</li>
 * </ul>
 */
@Component
public class ProgressHistory {

    /** The videos an athlete's analyses may come from, with their skill; the filter is appended. */
    private static final String VIDEOS = """
            SELECT v.id, v.skill_id, COALESCE(s.name, v.skill_id) AS skill_name
              FROM video v
              JOIN upload u ON u.id = v.upload_id
              LEFT JOIN skill s ON s.id = v.skill_id
              LEFT JOIN athlete a ON a.id = v.athlete_id
            """;

    private final JdbcClient jdbc;
    private final ComparisonRepository comparisons;

    public ProgressHistory(JdbcClient jdbc, ComparisonRepository comparisons) {
        this.jdbc = jdbc;
        this.comparisons = comparisons;
    }

    /**
     * Every analysed skill of a roster athlete (videos tagged with this athlete id), skills by name, points oldest
     * first. An athlete without analyses has an empty list.
     *
     * @throws NoSuchElementException when there is no athlete with this id
     */
    public AthleteProgress forAthlete(UUID athleteId) {
        String name = jdbc.sql("SELECT name FROM athlete WHERE id = ?").param(athleteId).query(String.class).optional()
                .orElseThrow(() -> new NoSuchElementException("No athlete " + athleteId));
        Map<String, List<Row>> bySkill = new LinkedHashMap<>();
        for (Row row : rows(VIDEOS + " WHERE v.athlete_id = :athlete AND v.skill_id IS NOT NULL",
                Map.of("athlete", athleteId))) {
            bySkill.computeIfAbsent(row.skillId(), k -> new ArrayList<>()).add(row);
        }
        List<SkillTrend> skills = new ArrayList<>();
        bySkill.forEach((skill, rows) -> skills.add(trend(rows)));
        skills.sort(Comparator.comparing(SkillTrend::skillName, String.CASE_INSENSITIVE_ORDER));
        return new AthleteProgress(name, skills);
    }

    /**
     * The history of the video's athlete in the video's skill, up to and including this video (analyses compared
     * after it are left out). Order is by comparison time: comparing an old video again moves it to the end. Without a skill the trend
     * has no points; without any athlete tag it has at most this video's own point.
     */
    public SkillTrend forVideo(UUID videoId) {
        Optional<Subject> found = jdbc.sql("""
                SELECT v.athlete_id, COALESCE(a.name, v.athlete_name) AS athlete_name, v.skill_id, u.team_id,
                       u.created_by
                  FROM video v JOIN upload u ON u.id = v.upload_id LEFT JOIN athlete a ON a.id = v.athlete_id
                 WHERE v.id = ?""").param(videoId).query((rs, i) -> new Subject(rs.getObject("athlete_id", UUID.class),
                rs.getString("athlete_name"), rs.getString("skill_id"), rs.getObject("team_id", UUID.class),
                rs.getObject("created_by", UUID.class))).optional();
        Subject subject = found.orElseThrow(() -> new NoSuchElementException("No video " + videoId));
        if (subject.skillId() == null) {
            return new SkillTrend(null, null, List.of());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("skill", subject.skillId());
        params.put("video", videoId);
        String who;
        if (subject.athleteId() != null) {
            who = "v.athlete_id = :athlete";
            params.put("athlete", subject.athleteId());
        } else if (subject.athleteName() != null && !subject.athleteName().isBlank()) {
            who = "lower(btrim(COALESCE(a.name, v.athlete_name))) = lower(btrim(:name)) AND " + owner(subject, params);
            params.put("name", subject.athleteName());
        } else {
            who = "v.id = :video";
        }
        List<Row> rows = rows(VIDEOS + " WHERE v.skill_id = :skill AND " + who, params);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).point().videoId().equals(videoId)) {
                rows = rows.subList(0, i + 1);
                break;
            }
        }
        return rows.isEmpty() ? new SkillTrend(subject.skillId(), skillName(subject.skillId()), List.of()) : trend(rows);
    }

    private static String owner(Subject subject, Map<String, Object> params) {
        if (subject.teamId() != null) {
            params.put("team", subject.teamId());
            return "u.team_id = :team";
        }
        if (subject.createdBy() != null) {
            params.put("creator", subject.createdBy());
            return "u.team_id IS NULL AND u.created_by = :creator";
        }
        return "u.team_id IS NULL AND u.created_by IS NULL";
    }

    private String skillName(String skillId) {
        return jdbc.sql("SELECT name FROM skill WHERE id = ?").param(skillId).query(String.class).optional()
                .orElse(skillId);
    }

    private record Subject(UUID athleteId, String athleteName, String skillId, UUID teamId, UUID createdBy) {
    }

    private record Row(String skillId, String skillName, ProgressPoint point) {
    }

    private static SkillTrend trend(List<Row> rows) {
        return new SkillTrend(rows.get(0).skillId(), rows.get(0).skillName(), rows.stream().map(Row::point).toList());
    }

    /** The analyses of the videos the query selects, in the order they were compared. */
    private List<Row> rows(String videosSql, Map<String, ?> params) {
        Map<UUID, TaggedVideo> videos = new LinkedHashMap<>();
        jdbc.sql(videosSql).params(params).query(ProgressHistory::video).list()
                .forEach(video -> videos.put(video.id(), video));
        List<Row> rows = new ArrayList<>();
        for (MainComparison c : comparisons.mainComparisons(videos.keySet())) {
            TaggedVideo video = videos.get(c.videoId());
            rows.add(new Row(video.skillId(), video.skillName(), new ProgressPoint(c.videoId(), c.comparedAt(),
                    c.score(), KeyMetrics.of(c.comparison()))));
        }
        return rows;
    }

    private record TaggedVideo(UUID id, String skillId, String skillName) {
    }

    private static TaggedVideo video(ResultSet rs, int i) throws SQLException {
        return new TaggedVideo(rs.getObject("id", UUID.class), rs.getString("skill_id"), rs.getString("skill_name"));
    }
}
