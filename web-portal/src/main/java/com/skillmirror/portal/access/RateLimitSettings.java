package com.skillmirror.portal.access;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.security.*-per-minute: the {@link RateLimiter}'s limits (named under security, where operators have
 * always set them). Each is a bucket's size and its refill per minute.
 *
 * @param loginPerMinute sign-in attempts per minute per client address and, separately, per account
 * @param uploadsPerMinute uploads per minute per account
 * @param comparePerMinute on-demand comparisons per minute per account
 */
@ConfigurationProperties("skillmirror.security")
@Validated
record RateLimitSettings(@DefaultValue("10") @Positive int loginPerMinute,
                         @DefaultValue("30") @Positive int uploadsPerMinute,
                         @DefaultValue("20") @Positive int comparePerMinute) {
}
