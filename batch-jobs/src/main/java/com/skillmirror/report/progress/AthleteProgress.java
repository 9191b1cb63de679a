package com.skillmirror.report.progress;

import java.util.List;

/**
 * Everything one athlete was analysed for, per skill.
 *
 * @param athleteName as on the roster (or as tagged on the videos)
 * @param skills      one trend per skill with at least one analysis, by skill name
 */
public record AthleteProgress(String athleteName, List<SkillTrend> skills) {

    public AthleteProgress {
        skills = skills == null ? List.of() : List.copyOf(skills);
    }
}
