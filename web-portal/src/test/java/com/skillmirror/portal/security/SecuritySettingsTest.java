package com.skillmirror.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * skillmirror.security.* and skillmirror.admin.* bound as the portal binds them: today's defaults, bad values stop
 * the start naming the property, and the signing key and the admin password never show in a record's toString
 * (which is what ends up in logs, exception messages and debuggers).
 */
class SecuritySettingsTest {

    private static final String JWT_SECRET = "c2lnbmluZy1rZXktdGhhdC1tdXN0LW5vdC1sZWFrLTEyMzQ1";
    private static final String ADMIN_PASSWORD = "correct horse battery staple";

    @EnableConfigurationProperties({SecuritySettings.class, AdminSettings.class})
    static class Registration {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Registration.class);

    @Test
    void defaultsAreFifteenMinuteAccessTokensTwoWeekRefreshTokensAndAGeneratedAdminPassword() {
        runner.run(context -> {
            SecuritySettings security = context.getBean(SecuritySettings.class);
            assertThat(security.jwtSecret()).isNull();
            assertThat(security.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
            assertThat(security.refreshTokenTtl()).isEqualTo(Duration.ofDays(14));
            AdminSettings admin = context.getBean(AdminSettings.class);
            assertThat(admin.username()).isEqualTo("admin");
            assertThat(admin.configuredPassword()).isEmpty();
        });
    }

    @Test
    void theSigningKeyAndTheAdminPasswordNeverAppearInToString() {
        runner.withPropertyValues("skillmirror.security.jwt-secret=" + JWT_SECRET,
                "skillmirror.admin.username=root-admin", "skillmirror.admin.password=" + ADMIN_PASSWORD).run(context -> {
            SecuritySettings security = context.getBean(SecuritySettings.class);
            AdminSettings admin = context.getBean(AdminSettings.class);
            assertThat(security.jwtSecret()).as("bound").isEqualTo(JWT_SECRET);
            assertThat(admin.configuredPassword()).as("bound").contains(ADMIN_PASSWORD);
            assertThat(security.toString()).doesNotContain(JWT_SECRET).contains("jwtSecret=<set>", "PT15M");
            assertThat(admin.toString()).doesNotContain(ADMIN_PASSWORD).contains("root-admin", "password=<set>");
        });
    }

    @Test
    void aBlankAdminPasswordMeansNoneIsConfigured() {
        runner.withPropertyValues("skillmirror.admin.password= ").run(context ->
                assertThat(context.getBean(AdminSettings.class).configuredPassword()).isEmpty());
    }

    @Test
    void tokenLifetimesUnderASecondOrABlankAdminNameStopTheStartNamingTheProperty() {
        runner.withPropertyValues("skillmirror.security.access-token-ttl=0s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("accessTokenTtl"));
        runner.withPropertyValues("skillmirror.security.refresh-token-ttl=500ms").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("refreshTokenTtl"));
        runner.withPropertyValues("skillmirror.admin.username= ").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("skillmirror.admin")
                        .hasMessageContaining("username"));
    }
}
