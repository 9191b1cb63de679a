package com.skillmirror.ingest;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The nightly expert ingest. Its name and its (actuator-only) web server are set here, not in an application.properties: this
 * module is also a library inside the portal and the CLI, where such a file would compete with the portal's.
 */
@SpringBootApplication(scanBasePackages = "com.skillmirror")
public class ExpertIngestApplication {

    public static void main(String[] args) {
        // its web server serves the actuator only (health, info, /actuator/prometheus), on loopback unless told
        // otherwise (--server.port, --server.address)
        new SpringApplicationBuilder(ExpertIngestApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.application.name=skillmirror-expert-ingest", "server.port=8083",
                        "server.address=127.0.0.1")
                .run(args);
    }
}
