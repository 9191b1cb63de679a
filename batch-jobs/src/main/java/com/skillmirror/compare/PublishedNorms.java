package com.skillmirror.compare;

import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Skills whose definition cites key positions from a published norm get a pattern labelled PUBLISHED_NORM, so an
 * athlete can be compared before any expert footage is ingested. Seeded at start; a stored pattern with the same
 * content hash is left as it is.
 */
@Component
class PublishedNorms {

    private static final Logger log = LoggerFactory.getLogger(PublishedNorms.class);

    PublishedNorms(SkillRegistry skills, ExpertPatterns patterns) {
        for (SkillDefinition skill : skills.all()) {
            if (skill.reference() == null) {
                continue;
            }
            try {
                patterns.save(PatternBuilder.fromPublishedNorm(skill), null);
            } catch (IOException | RuntimeException e) {
                log.warn("Published-norm pattern for skill {} not seeded: {}", skill.id(), e.getMessage());
            }
        }
    }
}
