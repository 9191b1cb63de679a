package com.skillmirror.portal.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** skillmirror.live.access-recheck: a minute by default; zero (which the scheduler refuses at start) is refused. */
class LiveSettingsTest {

    @EnableConfigurationProperties(LiveSettings.class)
    static class Registration {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Registration.class);

    @Test
    void accessIsRecheckedEveryMinuteByDefault() {
        runner.run(context -> assertThat(context.getBean(LiveSettings.class).accessRecheck())
                .isEqualTo(Duration.ofSeconds(60)));
    }

    @Test
    void aZeroRecheckIntervalStopsTheStartNamingIt() {
        runner.withPropertyValues("skillmirror.live.access-recheck=0s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("accessRecheck"));
    }
}
