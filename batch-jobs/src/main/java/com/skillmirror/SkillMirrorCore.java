package com.skillmirror;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/** Marks the core package for component scanning and brings the shared defaults. */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:skillmirror-defaults.properties")
public class SkillMirrorCore {
}
