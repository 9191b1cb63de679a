package com.skillmirror;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.* settings that belong to no one feature.
 *
 * @param home where the embedded database, its password and local storage live (default from
 *             skillmirror-defaults.properties: ~/.skillmirror)
 * @param distributed true: partitions go to remote workers over RabbitMQ instead of in-process threads
 */
@ConfigurationProperties("skillmirror")
@Validated
public record SkillMirrorSettings(@NotNull Path home, @DefaultValue("false") boolean distributed) {
}
