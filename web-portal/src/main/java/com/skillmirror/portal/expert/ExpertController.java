package com.skillmirror.portal.expert;

import com.skillmirror.compare.Comparison;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.job.ingest.ExpertIngest;
import com.skillmirror.job.ingest.IngestReport;
import com.skillmirror.job.ingest.IngestSource;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.ForbiddenException;
import com.skillmirror.portal.access.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The expert database, comparisons of any analysis with any expert of its skill, and "ingest now". */
@RestController
@Tag(name = "experts", description = "Experts, their patterns, comparisons and the expert ingest")
class ExpertController {

    private final ExpertCatalog patterns;
    private final ExpertIngest ingest;
    private final IngestSource source;
    private final ExpertComparisons comparisons;

    ExpertController(ExpertCatalog patterns, ExpertIngest ingest, IngestSource source, ExpertComparisons comparisons) {
        this.patterns = patterns;
        this.ingest = ingest;
        this.source = source;
        this.comparisons = comparisons;
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
        Comparison comparison = comparisons.compare(actor, videoId, expertId, skill);
        return ResponseEntity.ok(comparison.toJson());
    }

    @PostMapping("/api/experts/ingest")
    @Operation(summary = "Ingest expert drops now (admin or expert): the ingest report")
    IngestReport ingestNow(Actor actor) throws IOException {
        if (!actor.isAdmin() && actor.role() != com.skillmirror.portal.access.Role.EXPERT) {
            throw new ForbiddenException("Only admins and experts can start an expert ingest");
        }
        try {
            return ingest.run(source.storage(), source.prefix());
        } finally {
            patterns.changed();
        }
    }
}
