package com.skillmirror.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.expert.ExpertPattern;
import com.skillmirror.expert.ExpertPatterns;
import com.skillmirror.expert.PatternSource;
import com.skillmirror.skill.SkillDefinition;
import com.skillmirror.skill.SkillRegistry;
import com.skillmirror.testsupport.OwnDatabaseTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Once the application has started, on a database with no expert footage, every skill whose definition cites a
 * published norm can already be compared with: its default pattern is that norm.
 */
@SpringBootTest(classes = TestAnalysisApplication.class)
class PublishedNormsTest extends OwnDatabaseTest {

    @Autowired
    SkillRegistry skills;
    @Autowired
    ExpertPatterns patterns;

    @Test
    void everySkillCitingAPublishedNormHasThatPatternAfterStart() {
        List<SkillDefinition> citing = skills.all().stream().filter(s -> s.reference() != null).toList();
        assertThat(citing).extracting(SkillDefinition::id).contains("squat", "lunge");

        for (SkillDefinition skill : citing) {
            ExpertPattern pattern = patterns.defaultFor(skill.id()).orElseThrow(() ->
                    new AssertionError("no pattern seeded for " + skill.id())).pattern();
            assertThat(pattern.source()).as(skill.id()).isEqualTo(PatternSource.PUBLISHED_NORM);
            assertThat(pattern.skillId()).isEqualTo(skill.id());
            assertThat(pattern.citation()).as(skill.id()).isNotBlank();
        }
    }
}
