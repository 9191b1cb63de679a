package com.skillmirror.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.skillmirror.testsupport.TestServices.Address;
import io.minio.MinioClient;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * How the tests choose their services: the local ones by default and from the environment, the profile's system
 * property switching to containers, and what that switch does where Docker is missing (a message naming the
 * profile) or present (the containers start and answer).
 */
class TestServicesTest {

    @Test
    void withoutTheProfileTheTestsUseThisMachinesServicesAtTheirUsualAddresses() {
        for (String mode : new String[] {null, "", " ", "local"}) {
            TestServices services = TestServices.from(mode, Map.of());
            assertThat(services.containers()).as("mode %s", mode).isFalse();
            assertThat(services.postgres()).isEqualTo(new Address("127.0.0.1", 5432));
            assertThat(services.rabbitmq()).isEqualTo(new Address("127.0.0.1", 5672));
            assertThat(services.redis()).isEqualTo(new Address("127.0.0.1", 6379));
            assertThat(services.s3Endpoint()).as("each TestS3Server runs its own S3Proxy").isEmpty();
        }
    }

    @Test
    void theEnvironmentMovesEachLocalService() {
        TestServices services = TestServices.from("local", Map.of("SKILLMIRROR_TEST_PG", "db.internal:6543",
                "SKILLMIRROR_TEST_RABBITMQ", "127.0.0.2:5673", "SKILLMIRROR_TEST_REDIS", "[::1]:6380"));
        assertThat(services.postgres().hostPort()).isEqualTo("db.internal:6543");
        assertThat(services.rabbitmq()).isEqualTo(new Address("127.0.0.2", 5673));
        assertThat(services.redis()).isEqualTo(new Address("[::1]", 6380));
        // a variable for one service leaves the others where they were
        assertThat(TestServices.from(null, Map.of("SKILLMIRROR_TEST_REDIS", "cache:7000")).postgres())
                .isEqualTo(new Address("127.0.0.1", 5432));
    }

    @Test
    void anAddressThatIsNotHostAndPortIsRefusedNamingTheVariable() {
        for (String bad : new String[] {"5432", "db", "db:", ":5432", "db:port", "db:0", "db:65536"}) {
            assertThatThrownBy(() -> TestServices.from(null, Map.of("SKILLMIRROR_TEST_PG", bad)).postgres())
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SKILLMIRROR_TEST_PG=" + bad).hasMessageContaining("host:port");
        }
    }

    @Test
    void theProfilesPropertySelectsContainersAndAMistypedOneIsRefused() {
        assertThat(TestServices.from("testcontainers", Map.of()).containers()).isTrue();
        assertThatThrownBy(() -> TestServices.from("docker", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TestServices.MODE_PROPERTY + "=docker").hasMessageContaining("'local'")
                .hasMessageContaining("'testcontainers'");
        // what this JVM was started with: Maven passes the property (root pom, -Ptestcontainers switches it)
        assertThat(TestServices.current().containers())
                .isEqualTo("testcontainers".equals(System.getProperty(TestServices.MODE_PROPERTY)));
    }

    @Test
    void withTheProfileButNoDockerEveryServiceFailsAtOnceNamingTheProfileAndDocker() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker is here: the containers are checked instead");
        TestServices services = TestServices.from("testcontainers", Map.of());
        for (Runnable service : new Runnable[] {services::postgres, services::rabbitmq, services::redis, services::s3Endpoint}) {
            assertThatThrownBy(service::run).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("-Ptestcontainers").hasMessageContaining("no Docker engine can be reached")
                    .hasMessageContaining("run without -Ptestcontainers");
        }
        // the local services are still there for a run without the profile
        assertThat(TestServices.from("local", Map.of()).postgres()).isEqualTo(new Address("127.0.0.1", 5432));
    }

    @Test
    void withTheProfileAndDockerTheContainersStartOnceAndAnswer() throws Exception {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker here: the clear failure is checked instead");
        TestServices services = TestServices.from("testcontainers", Map.of());
        Address postgres = services.postgres();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + postgres.hostPort() + "/postgres", "postgres", "")) {
            assertThat(c.getMetaData().getDatabaseProductVersion()).startsWith("15.");
        }
        assertThat(services.postgres()).as("the same container for every caller").isEqualTo(postgres);
        try (Socket amqp = new Socket()) {
            Address rabbit = services.rabbitmq();
            amqp.connect(new InetSocketAddress(rabbit.host(), rabbit.port()), 10_000);
            amqp.getOutputStream().write("AMQP\0\0\u0009\u0001".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(amqp.getInputStream().read()).as("connection.start frame type").isEqualTo(1);
        }
        try (Socket redis = new Socket()) {
            Address address = services.redis();
            redis.connect(new InetSocketAddress(address.host(), address.port()), 10_000);
            redis.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(redis.getInputStream().readNBytes(7), StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        }
        MinioClient s3 = MinioClient.builder().endpoint(services.s3Endpoint().orElseThrow())
                .credentials(TestServices.S3_ACCESS_KEY, TestServices.S3_SECRET_KEY).build();
        assertThat(s3.listBuckets()).isNotNull();
    }
}
