package com.skillmirror.portal.security;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.security.*: API tokens. (The rate limits under the same prefix belong to the access package's
 * RateLimitSettings.)
 *
 * @param jwtSecret key that signs API access tokens, base64 of at least 32 random bytes, so that several portal
 *                  replicas share it (unset: generated once under skillmirror.home); never logged
 * @param accessTokenTtl how long an API access token is valid
 * @param refreshTokenTtl how long an API refresh token is valid
 */
@ConfigurationProperties("skillmirror.security")
@Validated
record SecuritySettings(String jwtSecret,
                        // JWT times are whole seconds: a shorter lifetime would end before it began
                        @DefaultValue("15m") @DurationMin(seconds = 1) Duration accessTokenTtl,
                        @DefaultValue("14d") @DurationMin(seconds = 1) Duration refreshTokenTtl) {

    @Override
    public String toString() {
        return "SecuritySettings[jwtSecret=" + Secrets.mask(jwtSecret) + ", accessTokenTtl=" + accessTokenTtl
                + ", refreshTokenTtl=" + refreshTokenTtl + "]";
    }
}
