package com.skillmirror.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** skillmirror.upload.*: today's defaults, and limits that would refuse every upload (or overflow) stop the start. */
class UploadSettingsTest {

    @EnableConfigurationProperties(UploadSettings.class)
    static class Registration {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Registration.class);

    @Test
    void defaultsAreFourGigabytesAndFiveHundredFiles() {
        runner.run(context -> assertThat(context.getBean(UploadSettings.class))
                .isEqualTo(new UploadSettings(DataSize.ofGigabytes(4), 500)));
    }

    @Test
    void anUnusableLimitStopsTheStartNamingIt() {
        runner.withPropertyValues("skillmirror.upload.max-files=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("maxFiles"));
        runner.withPropertyValues("skillmirror.upload.max-files=1000000000").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("maxFiles"));
        runner.withPropertyValues("skillmirror.upload.max-file-size=0B").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("max-file-size"));
    }
}
