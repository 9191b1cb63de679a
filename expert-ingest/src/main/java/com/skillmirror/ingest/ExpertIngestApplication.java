package com.skillmirror.ingest;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The nightly expert ingest. Its name and "no web server" are set here, not in an application.properties: this
 * module is also a library inside the portal and the CLI, where such a file would compete with the portal's.
 */
@SpringBootApplication(scanBasePackages = "com.skillmirror")
public class ExpertIngestApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(ExpertIngestApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.application.name=skillmirror-expert-ingest")
                .run(args);
    }
}
