package com.skillmirror.skill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * All skills, loaded from {@code skills/*.yaml} on the classpath (the built-in ones) and optionally from a folder
 * (a club's own skills), validated on load. A file that is not valid stops the load with a message naming the file
 * and the field: a wrong skill must not silently score athletes.
 */
public final class SkillCatalog {

    /** The classpath folder of the built-in skills. */
    public static final String CLASSPATH_PATTERN = "classpath*:skills/*.yaml";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            // Jackson 3 ignores unknown properties by default; a misspelt field in a skill file must be an error
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private final Map<String, SkillDefinition> skills;

    private SkillCatalog(Map<String, SkillDefinition> skills) {
        this.skills = skills;
    }

    /** The built-in skills. */
    public static SkillCatalog load() {
        return load(null);
    }

    /** The built-in skills plus every {@code *.yaml} in {@code extraDir} (may be null); ids must be unique. */
    public static SkillCatalog load(Path extraDir) {
        Map<String, SkillDefinition> all = new LinkedHashMap<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(CLASSPATH_PATTERN);
            List<Resource> sorted = new ArrayList<>(List.of(resources));
            sorted.sort(Comparator.comparing(r -> String.valueOf(r.getFilename())));
            for (Resource r : sorted) {
                try (InputStream in = r.getInputStream()) {
                    add(all, parseLoaded("skills/" + r.getFilename(), in));
                }
            }
            if (extraDir != null) {
                try (Stream<Path> files = Files.list(extraDir)) {
                    for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                        try (InputStream in = Files.newInputStream(p)) {
                            add(all, parseLoaded(p.toString(), in));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SkillDefinitionException("Could not read skill files: " + e.getMessage(), e);
        }
        return new SkillCatalog(Map.copyOf(all));
    }

    private static void add(Map<String, SkillDefinition> all, Loaded loaded) {
        if (all.putIfAbsent(loaded.skill().id(), loaded.skill()) != null) {
            throw new SkillDefinitionException(loaded.file() + ": field id: skill '" + loaded.skill().id()
                    + "' is defined twice");
        }
    }

    record Loaded(String file, SkillDefinition skill) {
    }

    /**
     * Reads and validates one skill file. {@code file} is the name used in error messages and must end with
     * {@code <id>.yaml}.
     */
    public static SkillDefinition parse(String file, InputStream yaml) {
        return parseLoaded(file, yaml).skill();
    }

    private static Loaded parseLoaded(String file, InputStream yaml) {
        SkillDefinition skill;
        try {
            skill = YAML.readValue(yaml, SkillDefinition.class);
        } catch (JacksonException e) {
            String field = fieldPath(e);
            throw new SkillDefinitionException(file + ": " + (field.isEmpty() ? "" : "field " + field + ": ")
                    + e.getOriginalMessage(), e);
        }
        if (skill == null) {
            throw new SkillDefinitionException(file + ": the file is empty");
        }
        new SkillValidator(file, skill).validate();
        return new Loaded(file, skill);
    }

    /** Jackson's path as {@code metrics[2].kind}. */
    private static String fieldPath(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    public Optional<SkillDefinition> find(String id) {
        return Optional.ofNullable(skills.get(id));
    }

    public SkillDefinition get(String id) {
        SkillDefinition s = skills.get(id);
        if (s == null) {
            throw new IllegalArgumentException("No skill '" + id + "'; known: " + ids());
        }
        return s;
    }

    public List<String> ids() {
        return skills.keySet().stream().sorted().toList();
    }

    public Collection<SkillDefinition> all() {
        return ids().stream().map(skills::get).toList();
    }

    /** The speech-stage numbers a SPEECH metric may name; the caller supplies their values. */
    public static final List<String> SPEECH_FIELDS = List.of("wordsPerMinute", "fillersPerMinute", "pauseRatio",
            "longestPauseSec", "syllablesPerSec", "articulationRate", "pitchStdSemitones", "loudnessStdDb");
}
