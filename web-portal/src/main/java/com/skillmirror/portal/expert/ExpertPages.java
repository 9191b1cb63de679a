package com.skillmirror.portal.expert;

import com.skillmirror.compare.Comparison;
import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.NotFoundException;
import com.skillmirror.portal.web.PortalPage;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The expert database as pages: experts with their patterns per skill, one expert, and the comparison of a video
 * the user may see with an expert of its skill. Experts are shared reference data, readable by every signed-in
 * user; videos follow the usual access rules.
 */
@Controller
@PortalPage
class ExpertPages {

    /** One stored pattern as listed: takes and samples come from the stored pattern itself. */
    record PatternRow(UUID id, String skillId, int version, String source, Integer takes, Integer samples,
                      Integer features, String citation, String contentHash, OffsetDateTime createdAt, String problem) {
    }

    private final ExpertCatalog patterns;
    private final ExpertComparisons comparisons;
    private final JdbcClient jdbc;

    ExpertPages(ExpertCatalog patterns, ExpertComparisons comparisons, JdbcClient jdbc) {
        this.patterns = patterns;
        this.comparisons = comparisons;
        this.jdbc = jdbc;
    }

    @GetMapping("/expert-library")
    String experts(Actor actor, Model model) {
        Map<Object, List<PatternRow>> byExpert = new LinkedHashMap<>();
        List<Map<String, Object>> experts = patterns.experts();
        for (Map<String, Object> e : experts) {
            byExpert.put(e.get("id"), rows((UUID) e.get("id")));
        }
        model.addAttribute("actor", actor);
        model.addAttribute("experts", experts);
        model.addAttribute("patterns", byExpert);
        model.addAttribute("norms", rows(null));
        return "experts";
    }

    @GetMapping("/expert-library/{expertId}")
    String expert(@PathVariable UUID expertId, Actor actor, Model model) {
        Map<String, Object> expert = patterns.expertWithPatterns(expertId)
                .orElseThrow(() -> new NotFoundException("No expert " + expertId));
        model.addAttribute("actor", actor);
        model.addAttribute("expert", expert);
        model.addAttribute("patterns", rows(expertId));
        return "expert";
    }

    /** Pick a video and an expert of its skill; with both given the comparison runs and its result is shown. */
    @GetMapping("/comparisons")
    String compare(@RequestParam(required = false) UUID videoId, @RequestParam(required = false) UUID expertId,
                   Actor actor, Model model) {
        List<ExpertComparisons.Candidate> candidates = new java.util.ArrayList<>(comparisons.candidates(actor));
        model.addAttribute("actor", actor);
        model.addAttribute("videos", candidates);
        model.addAttribute("videoId", videoId);
        model.addAttribute("expertId", expertId);
        if (videoId == null) {
            return "compare";
        }
        // looked up on its own: the list holds the newest videos only, and a report links here for any of them
        Optional<ExpertComparisons.Candidate> video = comparisons.candidate(actor, videoId);
        video.filter(v -> candidates.stream().noneMatch(c -> c.id().equals(videoId))).ifPresent(candidates::add);
        if (video.isEmpty()) {
            // a video the actor may not see is 404, even when it has no landmarks
            comparisons.requireVisible(actor, videoId);
            model.addAttribute("error", "This video has no landmarks (see its pose stage), so it cannot be compared.");
            return "compare";
        }
        String skill = video.get().skillId();
        if (skill == null) {
            model.addAttribute("error", "This video was uploaded without a skill; upload it again with its skill to compare it.");
            return "compare";
        }
        model.addAttribute("skill", skill);
        model.addAttribute("experts", comparisons.expertsFor(skill));
        if (expertId != null) {
            try {
                Comparison result = comparisons.compare(actor, videoId, expertId, skill);
                model.addAttribute("result", result);
                model.addAttribute("expertName", patterns.expertWithPatterns(expertId).map(e -> e.get("name")).orElse(null));
            } catch (NotFoundException e) {
                model.addAttribute("error", "The comparison did not run: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                model.addAttribute("error", "The comparison did not run: " + com.skillmirror.portal.web.ClientMessages.of(e));
            } catch (IllegalStateException | IOException e) {
                // storage and decoder texts name keys and internals: logged for the operator, not shown
                org.slf4j.LoggerFactory.getLogger(ExpertPages.class).warn("Comparison of video {} failed", videoId, e);
                model.addAttribute("error", "The comparison did not run: the video's stored landmarks or the pattern"
                        + " could not be read. Run the video's analysis again, then compare.");
            }
        }
        return "compare";
    }

    /** The patterns of an expert (or, for null, the published norms), by skill and version. */
    private List<PatternRow> rows(UUID expertId) {
        String where = expertId == null ? "expert_id IS NULL" : "expert_id = ?";
        var spec = jdbc.sql("SELECT id, skill_id, version, source, content_hash, created_at FROM expert_pattern WHERE "
                + where + " ORDER BY skill_id, version");
        if (expertId != null) {
            spec = spec.param(expertId);
        }
        return spec.query((rs, i) -> {
            UUID id = rs.getObject("id", UUID.class);
            ExpertCatalog.PatternSummary p = patterns.summary(id);
            return new PatternRow(id, rs.getString("skill_id"), rs.getInt("version"), rs.getString("source"), p.takes(),
                    p.samples(), p.features(), p.citation(), rs.getString("content_hash"),
                    rs.getObject("created_at", OffsetDateTime.class), p.problem());
        }).list();
    }
}
