package com.skillmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.testsupport.TestMedia;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker cannot run here, so docker-compose.yml is checked against the code: every service it builds has a module
 * and a Dockerfile, every host it names is a service, every SKILLMIRROR_/SPRING_ variable binds to a property the
 * code or Spring Boot really reads, every dependency is a service. It lives in the cli module because that one has
 * every application's settings records on its class path (the portal's included).
 */
class ComposeFileTest {

    static Path root;
    static Map<String, Map<String, Object>> services;
    static Set<String> knownProperties;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        root = TestMedia.repoRoot();
        try (InputStream in = Files.newInputStream(root.resolve("docker-compose.yml"))) {
            services = (Map<String, Map<String, Object>>) ((Map<String, Object>) new Yaml().load(in)).get("services");
        }
        knownProperties = KnownProperties.read(root);
    }

    @Test
    void runsTheWholeSystem() {
        assertThat(services).containsKeys("postgres", "rabbitmq", "minio", "redis", "web-portal", "nginx", "worker",
                "expert-ingest");
        assertThat((Map<String, Object>) services.get("worker").get("deploy")).containsEntry("replicas", 3);
    }

    /** Two portal replicas behind nginx, which alone publishes the port; they share their state through Redis. */
    @Test
    @SuppressWarnings("unchecked")
    void twoPortalReplicasBehindNginxShareRedis() throws IOException {
        Map<String, Object> portal = services.get("web-portal");
        assertThat((Map<String, Object>) portal.get("deploy")).containsEntry("replicas", 2);
        assertThat(portal).doesNotContainKey("ports");
        Map<String, Object> env = (Map<String, Object>) portal.get("environment");
        assertThat(env).containsEntry("SKILLMIRROR_REPLICAS_REDIS", "true").containsEntry("SPRING_DATA_REDIS_HOST", "redis")
                .containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native");
        assertThat((Map<String, Object>) portal.get("depends_on")).containsKey("redis");

        Map<String, Object> nginx = services.get("nginx");
        assertThat(nginx.get("ports")).asList().containsExactly("8080:8080");
        String mount = ((List<String>) nginx.get("volumes")).get(0);
        assertThat(mount).endsWith(":/etc/nginx/nginx.conf:ro");
        String config = Files.readString(root.resolve(mount.substring(0, mount.indexOf(':'))));
        assertThat(config).contains("server web-portal:8080", "listen 8080", "proxy_pass http://portal",
                "proxy_set_header Upgrade $http_upgrade", "proxy_set_header Connection $connection_upgrade",
                "proxy_set_header X-Forwarded-For $remote_addr", "proxy_set_header Host $http_host");
        // no sticky sessions: any replica takes any request
        String directives = config.lines().filter(line -> !line.strip().startsWith("#"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(directives).doesNotContain("ip_hash", "sticky", "hash $");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyBuiltServiceHasItsModuleAndDockerfile() throws IOException {
        for (var entry : services.entrySet()) {
            Map<String, Object> build = (Map<String, Object>) entry.getValue().get("build");
            if (build == null) {
                continue;
            }
            Path dockerfile = root.resolve((String) build.get("context")).resolve((String) build.get("dockerfile"));
            assertThat(dockerfile).as(entry.getKey()).exists();
            String module = dockerfile.getParent().getFileName().toString();
            assertThat(root.resolve(module).resolve("pom.xml")).exists();
            String text = Files.readString(dockerfile);
            assertThat(text).contains("-pl " + module + " ").contains("/src/" + module + "/target/" + module + "-");
            assertThat(Files.readString(root.resolve(module).resolve("pom.xml"))).contains("<classifier>exec</classifier>");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableHostAndDependencyExists() {
        Pattern host = Pattern.compile("(?:jdbc:postgresql|https?)://([a-z0-9-]+):(\\d+)");
        for (var entry : services.entrySet()) {
            Object environment = entry.getValue().get("environment");
            if (environment instanceof Map<?, ?> env) {
                for (var variable : ((Map<String, Object>) env).entrySet()) {
                    String name = variable.getKey();
                    if (name.startsWith("SKILLMIRROR_") || name.startsWith("SPRING_")) {
                        assertThat(knownProperties).as(entry.getKey() + ": " + name + " binds to no property")
                                .contains(KnownProperties.normalise(name));
                    }
                    Matcher m = host.matcher(String.valueOf(variable.getValue()));
                    while (m.find()) {
                        assertThat(services).as(name + " names host " + m.group(1)).containsKey(m.group(1));
                    }
                    if (name.equals("SPRING_RABBITMQ_HOST")) {
                        assertThat(services).containsKey(String.valueOf(variable.getValue()));
                    }
                }
            }
            Object dependsOn = entry.getValue().get("depends_on");
            if (dependsOn instanceof Map<?, ?> deps) {
                assertThat(services.keySet()).as(entry.getKey() + " depends_on").containsAll((Set<String>) deps.keySet());
            }
        }
    }

    /** A console or service that starts with a well-known password is open to anyone who can reach its port. */
    @Test
    @SuppressWarnings("unchecked")
    void everySecretIsRequiredFromTheEnvironmentWithoutDefault() throws IOException {
        Pattern secretName = Pattern.compile("PASS|SECRET|KMS");
        Pattern required = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");
        List<String> secrets = new ArrayList<>();
        for (var entry : services.entrySet()) {
            if (entry.getValue().get("environment") instanceof Map<?, ?> env) {
                for (var variable : ((Map<String, Object>) env).entrySet()) {
                    if (secretName.matcher(variable.getKey()).find()) {
                        secrets.add(entry.getKey() + "." + variable.getKey());
                        assertThat(required.matcher(String.valueOf(variable.getValue())).find())
                                .as(entry.getKey() + ": " + variable.getKey() + " = " + variable.getValue()
                                        + " must be ${VAR:?what to set}")
                                .isTrue();
                    }
                }
            }
        }
        assertThat(secrets).contains("rabbitmq.RABBITMQ_DEFAULT_PASS", "minio.MINIO_ROOT_PASSWORD",
                "postgres.POSTGRES_PASSWORD", "web-portal.SPRING_RABBITMQ_PASSWORD");
        assertThat(Files.readString(root.resolve("docker-compose.yml"))).as("no ${VAR:-default} anywhere")
                .doesNotContainPattern("\\$\\{[A-Z0-9_]+:?-");
    }
}
