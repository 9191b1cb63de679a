package com.skillmirror.portal.security;

import jakarta.validation.constraints.NotBlank;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.admin.*: the first admin, created by {@link AdminBootstrap} when no ADMIN account exists.
 *
 * @param username the first admin's username
 * @param password the first admin's password (unset: generated and printed once); either way it must be changed at
 *                 the first sign-in; never logged
 */
@ConfigurationProperties("skillmirror.admin")
@Validated
record AdminSettings(@DefaultValue("admin") @NotBlank String username, String password) {

    /** The configured password, or empty when none is set (a one-time password is generated then). */
    Optional<String> configuredPassword() {
        return password == null || password.isBlank() ? Optional.empty() : Optional.of(password);
    }

    @Override
    public String toString() {
        return "AdminSettings[username=" + username + ", password=" + Secrets.mask(password) + "]";
    }
}
