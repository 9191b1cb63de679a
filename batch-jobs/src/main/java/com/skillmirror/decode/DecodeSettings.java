package com.skillmirror.decode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** skillmirror.decode.*: the analysis proxy's size (shorter side, so portrait and landscape alike) and frame-rate ceiling. */
@ConfigurationProperties("skillmirror.decode")
public record DecodeSettings(@DefaultValue("720") int maxShortSide, @DefaultValue("30") double maxFps) {
}
