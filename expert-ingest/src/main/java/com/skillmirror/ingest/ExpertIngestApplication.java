package com.skillmirror.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The nightly expert ingest (its jobs land with the expert-pattern work). */
@SpringBootApplication(scanBasePackages = "com.skillmirror")
public class ExpertIngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExpertIngestApplication.class, args);
    }
}
