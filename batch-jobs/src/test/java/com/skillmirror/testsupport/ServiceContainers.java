package com.skillmirror.testsupport;

import com.skillmirror.testsupport.TestServices.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The containers behind {@link TestServices} under -Ptestcontainers: one of each per test JVM, started on first use
 * and shared by every test class after it (Testcontainers' reaper removes them when the JVM exits). Only this class
 * touches Testcontainers, so the local path never loads it.
 * <p>Images are pinned to the versions of the machine's own services (PostgreSQL 15.20, RabbitMQ 3.10.8, Redis
 * 7.0.15), so both paths test against the same servers; each can be replaced with the system property
 * skillmirror.test.image.NAME (postgres, rabbitmq, redis, minio), e.g. where a registry mirror is used.
 */
final class ServiceContainers {

    static final String POSTGRES_IMAGE = "postgres:15.20";
    static final String RABBITMQ_IMAGE = "rabbitmq:3.10.8";
    static final String REDIS_IMAGE = "redis:7.0.15";
    static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";

    private static final Duration STARTUP = Duration.ofMinutes(3);

    private static PostgreSQLContainer<?> postgres;
    private static RabbitMQContainer rabbitmq;
    private static GenericContainer<?> redis;
    private static GenericContainer<?> minio;

    private ServiceContainers() {
    }

    static synchronized Address postgres() {
        if (postgres == null) {
            // as the local server: user postgres, no password (trust), the tests create their own databases
            postgres = start(new PostgreSQLContainer<>(image("postgres", POSTGRES_IMAGE))
                    .withUsername("postgres")
                    .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust"));
        }
        return new Address(postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT));
    }

    static synchronized Address rabbitmq() {
        if (rabbitmq == null) {
            // guest/guest, which the official image lets in from outside the container
            rabbitmq = start(new RabbitMQContainer(image("rabbitmq", RABBITMQ_IMAGE)));
        }
        return new Address(rabbitmq.getHost(), rabbitmq.getAmqpPort());
    }

    static synchronized Address redis() {
        if (redis == null) {
            redis = start(new GenericContainer<>(image("redis", REDIS_IMAGE))
                    .withExposedPorts(6379)
                    .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1)));
        }
        return new Address(redis.getHost(), redis.getMappedPort(6379));
    }

    /**
     * MinIO without a KMS key, so like S3Proxy it refuses SSE-S3 writes (what S3StorageTest checks); its root
     * credentials are the tests' S3 keys.
     */
    static synchronized String minioEndpoint() {
        if (minio == null) {
            minio = start(new GenericContainer<>(image("minio", MINIO_IMAGE))
                    .withCommand("server", "/data")
                    .withEnv("MINIO_ROOT_USER", TestServices.S3_ACCESS_KEY)
                    .withEnv("MINIO_ROOT_PASSWORD", TestServices.S3_SECRET_KEY)
                    .withExposedPorts(9000)
                    .waitingFor(Wait.forHttp("/minio/health/live").forPort(9000)));
        }
        return "http://" + minio.getHost() + ":" + minio.getMappedPort(9000);
    }

    /** Fails at once, naming the profile, where no Docker engine can be reached (every test needing a service would). */
    static void requireDocker() {
        try {
            DockerClientFactory.instance().client();
        } catch (RuntimeException e) {
            // Testcontainers' own message is generic (its log lists what it tried): say where it looked
            String dockerHost = System.getenv("DOCKER_HOST");
            throw new IllegalStateException("The tests were started with -Ptestcontainers (system property "
                    + TestServices.MODE_PROPERTY + "=" + TestServices.CONTAINERS + "), which runs PostgreSQL, RabbitMQ,"
                    + " MinIO and Redis in Docker containers, but no Docker engine can be reached here (DOCKER_HOST "
                    + (dockerHost == null ? "unset" : dockerHost) + ", /var/run/docker.sock "
                    + (Files.exists(Path.of("/var/run/docker.sock")) ? "present" : "missing") + "). Start Docker (or point"
                    + " DOCKER_HOST at one), or run without -Ptestcontainers to use this machine's services (PostgreSQL"
                    + " 127.0.0.1:5432, RabbitMQ 127.0.0.1:5672, Redis 127.0.0.1:6379).", e);
        }
    }

    private static <T extends GenericContainer<?>> T start(T container) {
        requireDocker();
        container.withStartupTimeout(STARTUP).start();
        return container;
    }

    private static DockerImageName image(String name, String pinned) {
        return DockerImageName.parse(System.getProperty("skillmirror.test.image." + name, pinned))
                .asCompatibleSubstituteFor(pinned.substring(0, pinned.indexOf(':')));
    }
}
