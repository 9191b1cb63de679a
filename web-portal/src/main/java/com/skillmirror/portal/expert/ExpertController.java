package com.skillmirror.portal.expert;

import com.skillmirror.analysis.StageResults;
import com.skillmirror.compare.Comparison;
import com.skillmirror.compare.SkillComparator;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.SkillRegistry;
import com.skillmirror.expert.StoredPattern;
import com.skillmirror.expert.ingest.ExpertIngest;
import com.skillmirror.expert.ingest.IngestReport;
import com.skillmirror.expert.ingest.IngestSource;
import com.skillmirror.kinematics.Kinematics;
import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.pose.PoseSeries;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.storage.ObjectStorage;
import com.skillmirror.upload.Video;
import com.skillmirror.upload.VideoRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The expert database, comparisons of any analysis with any expert of its skill, and "ingest now". */
@RestController
@Tag(name = "experts", description = "Experts, their patterns, comparisons and the expert ingest")
class ExpertController {

    private final ExpertPatterns patterns;
    private final SkillRegistry skills;
    private final VideoRepository videos;
    private final StageResults results;
    private final ObjectStorage storage;
    private final AccessPolicy access;
    private final ExpertIngest ingest;
    private final IngestSource source;
    private final JdbcClient jdbc;

    ExpertController(ExpertPatterns patterns, SkillRegistry skills, VideoRepository videos, StageResults results,
                     ObjectStorage storage, AccessPolicy access, ExpertIngest ingest, IngestSource source,
                     JdbcClient jdbc) {
        this.patterns = patterns;
        this.skills = skills;
        this.videos = videos;
        this.results = results;
        this.storage = storage;
        this.access = access;
        this.ingest = ingest;
        this.source = source;
        this.jdbc = jdbc;
    }

    @GetMapping({"/experts", "/experts/", "/api/experts"})
    @Operation(summary = "Experts with their number of patterns (any signed-in user)")
    List<Map<String, Object>> experts(Actor actor) {
        return patterns.experts();
    }

    @GetMapping({"/experts/{id}", "/api/experts/{id}"})
    @Operation(summary = "One expert: profile, credits, footage licence and patterns")
    Map<String, Object> expert(@PathVariable UUID id, Actor actor) {
        return patterns.expertWithPatterns(id).orElseThrow(() -> new NotFoundException("No expert " + id));
    }

    /**
     * Compares an analysed video ({user}: the video id) with an expert's newest pattern for the video's skill (or
     * ?skill=). The caller must be allowed to see the video.
     */
    @PostMapping(path = {"/compare/{videoId}/{expertId}", "/api/compare/{videoId}/{expertId}"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Compare an analysed video with an expert: the 0-100 score, deviations, findings, drills")
    ResponseEntity<String> compare(@PathVariable UUID videoId, @PathVariable UUID expertId,
                                   @RequestParam(required = false) String skill, Actor actor) throws IOException {
        access.requireVideo(actor, videoId);
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
        String seriesKey = results.artifactKey(videoId, "pose-series").orElseThrow(() ->
                new IllegalArgumentException("The video has no landmarks (see its pose stage): nothing to compare"));
        PoseSeries series;
        try (InputStream in = storage.get(seriesKey)) {
            series = PoseSeries.read(in);
        }
        Comparison comparison = new SkillComparator(definition)
                .compare(Kinematics.of(series, series.mainPersonId()), pattern.pattern(), Map.of());
        return ResponseEntity.ok(comparison.toJson());
    }

    @PostMapping("/api/experts/ingest")
    @Operation(summary = "Ingest expert drops now (admin or expert): the ingest report")
    IngestReport ingestNow(Actor actor) throws IOException {
        if (!actor.isAdmin() && actor.role() != com.skillmirror.portal.access.Role.EXPERT) {
            throw new ForbiddenException("Only admins and experts can start an expert ingest");
        }
        return ingest.run(source.storage(), source.prefix());
    }
}
