package com.skillmirror.metrics;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * An app started on a random port ({@code server.port=0}: tests, benchmarks, several portals in one JVM) gets a random
 * management port too, instead of the fixed default of its application.properties, which a second instance on the
 * machine would find taken. A management port set anywhere else (command line, environment, test properties) is
 * kept as given. (Spring Boot's tests do the same for {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.)
 */
public class RandomManagementPort implements EnvironmentPostProcessor {

    static final String MANAGEMENT_PORT = "management.server.port";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!"0".equals(environment.getProperty("server.port"))) {
            return;
        }
        String port = environment.getProperty(MANAGEMENT_PORT);
        if (port == null || "0".equals(port) || "-1".equals(port)) {
            return;
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source.containsProperty(MANAGEMENT_PORT)) {
                if (source.getName().contains("class path resource")) {
                    environment.getPropertySources().addFirst(
                            new MapPropertySource("randomManagementPort", Map.of(MANAGEMENT_PORT, "0")));
                }
                return;
            }
        }
    }
}
