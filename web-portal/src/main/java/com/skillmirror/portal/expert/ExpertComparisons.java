package com.skillmirror.portal.expert;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.analysis.VideoKinematics;
import com.skillmirror.compare.Comparison;
import com.skillmirror.compare.CaptureViews;
import com.skillmirror.compare.SkillComparator;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.StoredPattern;
import com.skillmirror.kinematics.KinematicSeries;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.access.RateLimiter;
import com.skillmirror.pose.PoseResult;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.storage.Artifact;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Compares an analysed video with an expert's newest pattern of a skill: the API's POST /compare and the
 * comparison page run this same code. The caller must be allowed to see the video.
 * <p>The list of videos to compare is a read model: one read-only query over videos, uploads, athletes, team
 * membership and artifacts, filtered by the same rule as {@code AccessPolicy.requireVideo}.
 */
@Service
class ExpertComparisons {

    /** A video the actor may compare: it has landmarks. */
    record Candidate(UUID id, String file, String athlete, String skillId, OffsetDateTime uploadedAt) {
    }

    /** An expert with a pattern of the skill. */
    record Choice(UUID id, String name) {
    }

    private final ExpertPatterns patterns;
    private final SkillRegistry skills;
    private final VideoRepository videos;
    private final StageResults results;
    private final VideoKinematics kinematics;
    private final AccessPolicy access;
    private final JdbcClient jdbc;
    private final RateLimiter limiter;

    ExpertComparisons(ExpertPatterns patterns, SkillRegistry skills, VideoRepository videos, StageResults results,
                      AccessPolicy access, JdbcClient jdbc, RateLimiter limiter) {
        this.limiter = limiter;
        this.patterns = patterns;
        this.skills = skills;
        this.videos = videos;
        this.results = results;
        this.kinematics = new VideoKinematics(results);
        this.access = access;
        this.jdbc = jdbc;
    }

    Comparison compare(Actor actor, UUID videoId, UUID expertId, String skill) throws IOException {
        access.requireVideo(actor, videoId);
        limiter.heavy(actor); // a comparison reads the whole series and runs DTW: seconds of CPU per call
        Video video = videos.find(videoId).orElseThrow(() -> new NotFoundException("No video " + videoId));
        String skillId = skill != null ? skill : video.skillId();
        if (skillId == null) {
            throw new IllegalArgumentException("The video has no skill; pass ?skill= (e.g. squat)");
        }
        SkillDefinition definition = skills.find(skillId)
                .orElseThrow(() -> new IllegalArgumentException("Unknown skill " + skillId));
        UUID patternId = jdbc.sql("""
                SELECT id FROM expert_pattern WHERE expert_id = ? AND skill_id = ? ORDER BY version DESC LIMIT 1""")
                .params(expertId, skillId).query(UUID.class).optional()
                .orElseThrow(() -> new NotFoundException("Expert " + expertId + " has no pattern for " + skillId));
        StoredPattern pattern = patterns.find(patternId).orElseThrow();
        Optional<PoseResult> pose = results.result(videoId, PoseResult.STAGE_RESULT);
        KinematicSeries athlete = (pose.isEmpty() ? Optional.<KinematicSeries>empty()
                : kinematics.person(video, pose.get().mainPersonId())).orElseThrow(() ->
                new IllegalArgumentException("The video has no landmarks (see its pose stage): nothing to compare"));
        // as the compare stage does: what the camera view hides is withheld, not measured
        return new SkillComparator(definition).compare(athlete, pattern.pattern(), Map.of(),
                CaptureViews.stored(results, videoId, athlete).orElse(null));
    }

    void requireVisible(Actor actor, UUID videoId) {
        access.requireVideo(actor, videoId);
    }

    /** The videos with landmarks that the actor may see, newest 200 first: the same rule as AccessPolicy.requireVideo. */
    List<Candidate> candidates(Actor actor) {
        return candidates(actor, "ORDER BY u.created_at DESC, v.position LIMIT 200", null);
    }

    /** One video, if the actor may see it and it has landmarks, however old it is. */
    Optional<Candidate> candidate(Actor actor, UUID videoId) {
        return candidates(actor, "AND v.id = ?", videoId).stream().findFirst();
    }

    private List<Candidate> candidates(Actor actor, String tail, UUID videoId) {
        List<Object> params = new java.util.ArrayList<>(List.of(Artifact.POSE_SERIES.kind(), actor.isAdmin(), actor.id(),
                actor.id(), actor.id()));
        if (videoId != null) {
            params.add(videoId);
        }
        return jdbc.sql("""
                SELECT v.id, v.original_name, v.athlete_name, v.skill_id, u.created_at
                  FROM video v JOIN upload u ON u.id = v.upload_id LEFT JOIN athlete a ON a.id = v.athlete_id
                 WHERE EXISTS (SELECT 1 FROM artifact r WHERE r.video_id = v.id AND r.kind = ?)
                   AND (? OR u.created_by = ? OR a.user_id = ?
                        OR EXISTS (SELECT 1 FROM team_member m WHERE m.team_id = u.team_id AND m.user_id = ?))
                """ + tail)
                .params(params)
                .query((rs, i) -> new Candidate(rs.getObject("id", UUID.class), rs.getString("original_name"),
                        rs.getString("athlete_name"), rs.getString("skill_id"),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    /** Experts with a pattern of the skill, by name. */
    List<Choice> expertsFor(String skillId) {
        return jdbc.sql("""
                SELECT DISTINCT e.id, e.name FROM expert e JOIN expert_pattern p ON p.expert_id = e.id
                 WHERE p.skill_id = ? ORDER BY e.name""").param(skillId)
                .query((rs, i) -> new Choice(rs.getObject("id", UUID.class), rs.getString("name"))).list();
    }
}
