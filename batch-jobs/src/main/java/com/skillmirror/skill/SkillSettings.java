package com.skillmirror.skill;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * skillmirror.skills.*
 *
 * @param dir a folder of extra skill definition files (*.yaml) beside the built-in ones
 */
@ConfigurationProperties("skillmirror.skills")
public record SkillSettings(String dir) {
}
