package com.skillmirror.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** skillmirror.security.*-per-minute: today's defaults, and a limit of zero (a bucket that never refills) refused. */
class RateLimitSettingsTest {

    @EnableConfigurationProperties(RateLimitSettings.class)
    static class Registration {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Registration.class);

    @Test
    void defaultsAreTenSignInsThirtyUploadsAndTwentyComparisonsPerMinute() {
        runner.run(context -> assertThat(context.getBean(RateLimitSettings.class))
                .isEqualTo(new RateLimitSettings(10, 30, 20)));
    }

    @Test
    void aLimitOfZeroStopsTheStartNamingIt() {
        runner.withPropertyValues("skillmirror.security.uploads-per-minute=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("uploadsPerMinute"));
    }
}
