package com.skillmirror.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.job.AnalysisLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What each kind of command boots: the job commands batch-jobs' beans only, `serve` the whole portal with the
 * portal's own settings file (the expert-ingest app's, also on this class path, would turn its web server off).
 */
class ContextsTest {

    @TempDir
    Path home;

    @AfterEach
    void clearHome() {
        System.clearProperty("skillmirror.home");
    }

    @Test
    void theJobContextHasTheJobButNothingOfThePortal() {
        System.setProperty("skillmirror.home", home.toString());
        try (ConfigurableApplicationContext context = JobContext.start()) {
            assertThat(context.getBeanNamesForType(AnalysisLauncher.class)).hasSize(1);
            assertThat(context).as("no web server").isNotInstanceOf(WebServerApplicationContext.class);
            // the bean's resolved type, so beans made by @Bean methods (which have no bean class name) count too
            assertThat(Arrays.stream(context.getBeanDefinitionNames())
                    .map(context::getType)
                    .filter(type -> type != null)
                    .map(Class::getName)
                    .filter(type -> type.startsWith("com.skillmirror.portal.") || type.startsWith("com.skillmirror.ingest.")
                            || type.startsWith("org.springframework.security.")
                            || type.startsWith("org.springframework.boot.security.")
                            || type.startsWith("org.quartz.") || type.startsWith("org.springframework.boot.quartz.")
                            || type.startsWith("org.springframework.scheduling.quartz.")))
                    .as("portal, ingest-app, security or scheduler beans").isEmpty();
            assertThat(context.getBeanNamesForType(org.springframework.security.web.SecurityFilterChain.class)).isEmpty();
        }
    }

    @Test
    void serveStartsThePortalOnLoopbackWithThePortalsSettings() throws Exception {
        System.setProperty("skillmirror.home", home.toString());
        Map<String, Object> server = Cli.serveProperties(new String[] {"--port", "0"});
        try (ConfigurableApplicationContext context = Cli.portal(server)) {
            assertThat(context.getEnvironment().getProperty("spring.application.name")).isEqualTo("skillmirror-portal");
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }
}
