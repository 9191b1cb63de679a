package com.skillmirror.report.progress;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One analysis of an athlete's skill: the compared take's score and its key metrics (see {@link KeyMetrics} for which
 * ones and how they are named).
 *
 * @param videoId    the analysed video
 * @param analysedAt when the take was compared with the skill's pattern
 * @param score      overall score 0-100 (null if none was computed)
 * @param metrics    key metrics by label, e.g. {@code "Deepest knee angle (deg)"} or
 *                   {@code "Left hip angle deviation (deg)"}; in a stable order, unmodifiable
 */
public record ProgressPoint(UUID videoId, Instant analysedAt, Double score, Map<String, Double> metrics) {

    public ProgressPoint {
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
