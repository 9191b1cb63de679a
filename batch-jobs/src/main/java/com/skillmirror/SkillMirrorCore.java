package com.skillmirror;

import com.skillmirror.skill.SkillSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/** Marks the core package for component scanning and brings the shared defaults. */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:skillmirror-defaults.properties")
@EnableConfigurationProperties({SkillMirrorSettings.class, SkillSettings.class})
public class SkillMirrorCore {
}
