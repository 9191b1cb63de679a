package com.skillmirror.skill;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The skill definitions (built-in files plus *.yaml in skillmirror.skills.dir), mirrored into the skill table at
 * start so uploads, patterns and reports can refer to them; a changed file with a new version replaces the row.
 */
@Component
public class SkillRegistry {

    private final SkillCatalog catalog;

    public SkillRegistry(JdbcClient jdbc, JsonMapper json, SkillSettings settings) {
        String extraDir = settings.dir();
        this.catalog = SkillCatalog.load(extraDir == null || extraDir.isBlank() ? null : Path.of(extraDir));
        for (SkillDefinition skill : catalog.all()) {
            jdbc.sql("""
                    INSERT INTO skill (id, version, name, definition, updated_at) VALUES (?, ?, ?, CAST(? AS jsonb), now())
                    ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, name = EXCLUDED.name,
                        definition = EXCLUDED.definition, updated_at = now()
                    WHERE skill.version <= EXCLUDED.version""")
                    .params(skill.id(), skill.version(), skill.name(), json.writeValueAsString(skill)).update();
        }
    }

    public Optional<SkillDefinition> find(String id) {
        return catalog.find(id);
    }

    public SkillDefinition get(String id) {
        return catalog.get(id);
    }

    public Collection<SkillDefinition> all() {
        return catalog.all();
    }
}
