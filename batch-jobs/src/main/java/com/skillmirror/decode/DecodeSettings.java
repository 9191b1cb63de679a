package com.skillmirror.decode;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.decode.*: the analysis proxy's size (shorter side, so portrait and landscape alike) and frame-rate ceiling.
 *
 * @param maxShortSide the analysis proxy's shorter side at most, in pixels (smaller videos are not enlarged)
 * @param maxFps the analysis proxy's frame rate at most (faster videos are sampled down to it)
 * @param reuseFitOriginals an original that already is what the proxy would be (H.264 in MP4/MOV, upright, within
 *                          the size and rate, constant rate from 0) has its video packets remuxed into the proxy
 *                          without re-encoding (no audio, no other track, no metadata)
 */
@ConfigurationProperties("skillmirror.decode")
@Validated
public record DecodeSettings(@DefaultValue("720") @Min(16) int maxShortSide, @DefaultValue("30") @Positive double maxFps,
                             @DefaultValue("true") boolean reuseFitOriginals) {
}
