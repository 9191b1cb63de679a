package com.skillmirror.portal.report;

import com.skillmirror.portal.access.AccessPolicy;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.report.ReportRenderer;
import com.skillmirror.report.progress.AthleteProgress;
import com.skillmirror.report.progress.ProgressHistory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An athlete's progress over time (every analysed skill, from the stored comparisons): the standalone page the
 * report renderer draws, and the same history as JSON. Whoever may see the athlete may see it.
 */
@RestController
@Tag(name = "reports")
class ProgressController {

    private final ProgressHistory history;
    private final ReportRenderer renderer;
    private final AccessPolicy access;

    ProgressController(ProgressHistory history, ReportRenderer renderer, AccessPolicy access) {
        this.history = history;
        this.renderer = renderer;
        this.access = access;
    }

    @GetMapping({"/web/athletes/{athleteId}/progress.html", "/api/athletes/{athleteId}/progress.html"})
    @Operation(summary = "An athlete's progress per skill as a standalone HTML page with charts")
    ResponseEntity<byte[]> progressHtml(@PathVariable UUID athleteId, Actor actor) {
        access.requireAthlete(actor, athleteId);
        return ReportController.standalonePage(
                renderer.progressHtml(history.forAthlete(athleteId)).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/api/athletes/{athleteId}/progress")
    @Operation(summary = "An athlete's progress per skill: every analysis with its score and key metrics, oldest first")
    AthleteProgress progress(@PathVariable UUID athleteId, Actor actor) {
        access.requireAthlete(actor, athleteId);
        return history.forAthlete(athleteId);
    }
}
