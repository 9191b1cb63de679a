package com.skillmirror.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The web portal (manager side). With no broker configured it runs the partitions in-process; with
 * skillmirror.distributed=true it sends them to workers over RabbitMQ. `skillmirror serve` (cli module) starts it
 * on a laptop.
 */
@SpringBootApplication(scanBasePackages = "com.skillmirror")
public class SkillMirrorApplication {

    public static void main(String[] args) {
        SpringApplication.run(SkillMirrorApplication.class, args);
    }
}
