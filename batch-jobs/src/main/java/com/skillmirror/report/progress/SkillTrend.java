package com.skillmirror.report.progress;

import java.util.List;

/**
 * An athlete's analyses of one skill.
 *
 * @param skillId   e.g. {@code squat}
 * @param skillName as the skill names itself (the id when the skill is unknown)
 * @param points    oldest first
 */
public record SkillTrend(String skillId, String skillName, List<ProgressPoint> points) {

    public SkillTrend {
        points = points == null ? List.of() : List.copyOf(points);
    }

    /** The latest analysis, or null when there is none. */
    public ProgressPoint latest() {
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** The analysis before the latest one, or null when there are fewer than two. */
    public ProgressPoint previous() {
        return points.size() < 2 ? null : points.get(points.size() - 2);
    }
}
