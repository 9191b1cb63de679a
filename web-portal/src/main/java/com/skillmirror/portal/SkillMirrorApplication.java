package com.skillmirror.portal;

import com.skillmirror.portal.cli.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The all-in-one application: the web portal (manager side) and the skillmirror CLI. With no broker configured
 * it runs the partitions in-process; with skillmirror.distributed=true it sends them to workers over RabbitMQ.
 */
@SpringBootApplication(scanBasePackages = "com.skillmirror")
public class SkillMirrorApplication {

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
