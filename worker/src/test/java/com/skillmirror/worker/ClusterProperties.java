package com.skillmirror.worker;

import com.skillmirror.TestAnalysisApplication;
import com.skillmirror.testsupport.TestS3Server;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a manager in the test JVM and its worker processes share in these tests: one database, one S3 bucket (on
 * the test's S3-compatible server) and this run's own partition queue and progress exchange, so that nothing left
 * over from another run can reach it.
 */
final class ClusterProperties {

    private ClusterProperties() {
    }

    static Map<String, String> shared(String datasourceUrl, String datasourceUser, Path home, TestS3Server s3,
            String bucket, String rabbitHost, int rabbitPort) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("spring.datasource.url", datasourceUrl);
        shared.put("spring.datasource.username", datasourceUser);
        shared.put("skillmirror.home", home.toString());
        shared.put("skillmirror.storage.type", "s3");
        shared.put("skillmirror.storage.s3.endpoint", s3.endpoint());
        shared.put("skillmirror.storage.s3.access-key", TestS3Server.ACCESS_KEY);
        shared.put("skillmirror.storage.s3.secret-key", TestS3Server.SECRET_KEY);
        shared.put("skillmirror.storage.s3.bucket", bucket);
        // S3Proxy cannot do SSE-S3 (MinIO with a KMS key does; see docker-compose.yml)
        shared.put("skillmirror.storage.s3.server-side-encryption", "false");
        // the worker processes get every address as arguments, so they reach the same services as this JVM
        shared.put("spring.rabbitmq.host", rabbitHost);
        shared.put("spring.rabbitmq.port", String.valueOf(rabbitPort));
        shared.put("skillmirror.broker.partition-queue", "skillmirror.partitions.test-" + run);
        shared.put("skillmirror.broker.progress-exchange", "skillmirror.progress.test-" + run);
        return shared;
    }

    /**
     * The manager's: the shared ones, partitions sent to the workers, and no worker in this JVM (the worker
     * module's application.properties is on the test classpath).
     */
    static Map<String, String> manager(Map<String, String> shared) {
        Map<String, String> props = new LinkedHashMap<>(shared);
        props.put("skillmirror.worker.enabled", "false");
        props.put("skillmirror.distributed", "true");
        props.put("skillmirror.partition.poll-interval", "200ms");
        props.put("skillmirror.partition.timeout", "5m");
        return props;
    }

    /** An analysis application (no web server) in the test JVM with these properties. */
    static ConfigurableApplicationContext start(Map<String, String> props) {
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(TestAnalysisApplication.class).web(WebApplicationType.NONE).run(args);
    }
}
