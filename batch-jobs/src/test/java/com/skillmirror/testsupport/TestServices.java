package com.skillmirror.testsupport;

import java.util.Map;
import java.util.Optional;

/**
 * Where the tests find PostgreSQL, RabbitMQ, Redis and S3. Every test takes its service addresses from here, so the
 * same suite runs on either source without other changes:
 * <ul>
 * <li>{@code local} (the default): this machine's services, 127.0.0.1:5432 / 5672 / 6379, each overridable with
 * SKILLMIRROR_TEST_PG, SKILLMIRROR_TEST_RABBITMQ, SKILLMIRROR_TEST_REDIS ({@code host:port}); S3 is an in-process
 * S3Proxy per {@link TestS3Server}.</li>
 * <li>{@code testcontainers} (Maven profile {@code -Ptestcontainers}, which sets the system property
 * {@value #MODE_PROPERTY}): PostgreSQL, RabbitMQ, MinIO and Redis containers, each started on first use and kept
 * for the rest of the test JVM (see {@link ServiceContainers}).</li>
 * </ul>
 * Credentials are the same on both: postgres with no password (trust), guest/guest, no Redis password, and the S3 keys
 * below.
 */
public final class TestServices {

    public static final String MODE_PROPERTY = "skillmirror.test.services";
    static final String LOCAL = "local";
    static final String CONTAINERS = "testcontainers";

    public static final String S3_ACCESS_KEY = "test-access";
    public static final String S3_SECRET_KEY = "test-secret-key";

    /** A service's address as the tests reach it. */
    public record Address(String host, int port) {
        public String hostPort() {
            return host + ":" + port;
        }
    }

    private static TestServices current;

    private final boolean containers;
    private final Map<String, String> env;

    private TestServices(boolean containers, Map<String, String> env) {
        this.containers = containers;
        this.env = env;
    }

    /** The services this test JVM was started for (system property {@value #MODE_PROPERTY}, environment). */
    public static synchronized TestServices current() {
        if (current == null) {
            current = from(System.getProperty(MODE_PROPERTY), System.getenv());
        }
        return current;
    }

    /** The choice made from a mode (null or blank: local) and an environment; a mistyped mode is refused. */
    static TestServices from(String mode, Map<String, String> env) {
        String chosen = mode == null || mode.isBlank() ? LOCAL : mode.strip();
        if (!chosen.equals(LOCAL) && !chosen.equals(CONTAINERS)) {
            throw new IllegalArgumentException("System property " + MODE_PROPERTY + "=" + mode + " is neither '" + LOCAL
                    + "' (this machine's services) nor '" + CONTAINERS + "' (Docker containers, -Ptestcontainers)");
        }
        return new TestServices(chosen.equals(CONTAINERS), Map.copyOf(env));
    }

    public boolean containers() {
        return containers;
    }

    public Address postgres() {
        return containers ? ServiceContainers.postgres() : local("SKILLMIRROR_TEST_PG", 5432);
    }

    public Address rabbitmq() {
        return containers ? ServiceContainers.rabbitmq() : local("SKILLMIRROR_TEST_RABBITMQ", 5672);
    }

    public Address redis() {
        return containers ? ServiceContainers.redis() : local("SKILLMIRROR_TEST_REDIS", 6379);
    }

    /**
     * The shared S3 server (MinIO) to use, with keys {@link #S3_ACCESS_KEY} / {@link #S3_SECRET_KEY}; empty when each
     * {@link TestS3Server} runs its own in-process one.
     */
    public Optional<String> s3Endpoint() {
        return containers ? Optional.of(ServiceContainers.minioEndpoint()) : Optional.empty();
    }

    private Address local(String variable, int defaultPort) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return new Address("127.0.0.1", defaultPort);
        }
        int colon = value.lastIndexOf(':');
        try {
            int port = Integer.parseInt(value.substring(colon + 1).strip());
            if (colon <= 0 || port < 1 || port > 65535) {
                throw new NumberFormatException(value);
            }
            return new Address(value.substring(0, colon).strip(), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + "=" + value + " is not host:port (e.g. 127.0.0.1:" + defaultPort
                    + ")", e);
        }
    }
}
