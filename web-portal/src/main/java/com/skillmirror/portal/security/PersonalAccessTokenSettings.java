package com.skillmirror.portal.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.tokens.*: personal access tokens for API clients.
 *
 * @param maxPerUser how many tokens (not revoked, not expired) an account may have at once
 * @param createPerHour how many tokens an account may create per hour (counted in the database, so across replicas)
 * @param maxDays the longest lifetime a token may be given, in days
 */
@ConfigurationProperties("skillmirror.tokens")
@Validated
record PersonalAccessTokenSettings(@DefaultValue("50") @Positive int maxPerUser,
                                   @DefaultValue("20") @Positive int createPerHour,
                                   @DefaultValue("365") @Positive @Max(3650) int maxDays) {
}
