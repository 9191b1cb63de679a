package com.skillmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.skillmirror.testsupport.TestMedia;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes rendered offline by {@code kubectl kustomize} (base and every overlay) and checked against the code
 * like ComposeFileTest checks docker-compose.yml: every SKILLMIRROR_/SPRING_/SERVER_/MANAGEMENT_ variable (in the
 * containers and the ConfigMap they load) binds to a property that is really read; every container port is the port
 * its app listens on; every probe asks an actuator path the app exposes, on a port of its container; services, the
 * Ingress, the PodDisruptionBudget and KEDA's ScaledObject point at what exists; no secret value is in the manifests.
 * kubectl missing fails the test (it is the renderer; nothing is skipped).
 */
class KubernetesManifestsTest {

    static Path root;
    static Set<String> knownProperties;
    static final List<String> OVERLAYS = List.of("base", "overlays/dev", "overlays/production");
    /** The port each app's web server listens on by default, and where its actuator is. */
    static Map<String, Integer> httpPorts = new HashMap<>();
    static Map<String, Integer> managementPorts = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        root = TestMedia.repoRoot();
        knownProperties = KnownProperties.read(root);
        Properties portal = properties("web-portal/src/main/resources/application.properties");
        httpPorts.put("skillmirror/web-portal", 8080); // Spring Boot's default: the portal sets no server.port
        managementPorts.put("skillmirror/web-portal", Integer.parseInt(portal.getProperty("management.server.port")));
        Properties worker = properties("worker/src/main/resources/application.properties");
        managementPorts.put("skillmirror/worker", Integer.parseInt(worker.getProperty("server.port")));
        Matcher ingest = Pattern.compile("\"server.port=(\\d+)\"").matcher(Files.readString(root.resolve(
                "expert-ingest/src/main/java/com/skillmirror/ingest/ExpertIngestApplication.java")));
        assertThat(ingest.find()).isTrue();
        managementPorts.put("skillmirror/expert-ingest", Integer.parseInt(ingest.group(1)));
        String defaults = Files.readString(root.resolve("batch-jobs/src/main/resources/skillmirror-defaults.properties"));
        assertThat(defaults).as("the probes' groups and the exposed endpoints")
                .contains("management.endpoint.health.probes.enabled=true",
                        "management.endpoints.web.exposure.include=health,info,prometheus");
    }

    @Test
    void everyOverlayRendersWithThePortalWorkersAndIngest() throws Exception {
        for (String overlay : OVERLAYS) {
            Map<String, List<Map<String, Object>>> byKind = byKind(render(overlay));
            assertThat(names(byKind, "Deployment")).as(overlay).containsExactlyInAnyOrder("portal", "worker", "expert-ingest");
            assertThat(names(byKind, "PodDisruptionBudget")).as(overlay).containsExactly("portal");
            assertThat(names(byKind, "ScaledObject")).as(overlay).containsExactly("worker");
            assertThat(names(byKind, "Ingress")).as(overlay).containsExactly("portal");
            assertThat(byKind.getOrDefault("Secret", List.of())).as(overlay + ": no secret values in Git").isEmpty();
            Map<String, Object> portal = find(byKind, "Deployment", "portal");
            assertThat((Integer) map(portal, "spec").get("replicas")).as(overlay).isGreaterThanOrEqualTo(2);
            assertThat(map(find(byKind, "Deployment", "expert-ingest"), "spec").get("replicas")).isEqualTo(1);
        }
        assertThat(map(find(byKind(render("overlays/production")), "Deployment", "portal"), "spec").get("replicas"))
                .isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableBindsToAPropertyAndEverySecretIsReferenced() throws Exception {
        for (String overlay : OVERLAYS) {
            Map<String, List<Map<String, Object>>> byKind = byKind(render(overlay));
            Map<String, Map<String, Object>> configMaps = new HashMap<>();
            for (Map<String, Object> cm : byKind.getOrDefault("ConfigMap", List.of())) {
                configMaps.put(name(cm), (Map<String, Object>) cm.get("data"));
            }
            for (Map<String, Object> deployment : byKind.get("Deployment")) {
                for (Map<String, Object> container : containers(deployment)) {
                    List<String> variables = new ArrayList<>();
                    for (Map<String, Object> from : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
                        String ref = (String) map(from, "configMapRef").get("name");
                        assertThat(configMaps).as(overlay + ": " + name(deployment) + " loads " + ref).containsKey(ref);
                        variables.addAll(configMaps.get(ref).keySet());
                    }
                    for (Map<String, Object> env : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
                        variables.add((String) env.get("name"));
                        if (env.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") instanceof Map<?, ?> ref) {
                            assertThat(ref.get("name")).isEqualTo("skillmirror-secrets");
                        }
                        if (String.valueOf(env.get("name")).matches(".*(PASSWORD|SECRET).*")) {
                            assertThat(env).as(overlay + ": " + env.get("name") + " comes from the Secret")
                                    .doesNotContainKey("value").containsKey("valueFrom");
                        }
                    }
                    for (String variable : variables) {
                        if (variable.matches("(SKILLMIRROR|SPRING|SERVER|MANAGEMENT|LOGGING)_.*")) {
                            assertThat(knownProperties).as(overlay + ": " + name(deployment) + ": " + variable
                                    + " binds to no property").contains(KnownProperties.normalise(variable));
                        }
                    }
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPortProbeServiceAndScalerPointsAtWhatExists() throws Exception {
        for (String overlay : OVERLAYS) {
            Map<String, List<Map<String, Object>>> byKind = byKind(render(overlay));
            Map<String, Set<String>> portNamesByApp = new HashMap<>();
            for (Map<String, Object> deployment : byKind.get("Deployment")) {
                String app = name(deployment);
                Map<String, Object> pod = map(map(deployment, "spec"), "template");
                for (Map<String, Object> container : containers(deployment)) {
                    String image = ((String) container.get("image")).replaceAll(":.*", "");
                    Map<String, Integer> ports = new HashMap<>();
                    for (Map<String, Object> port : (List<Map<String, Object>>) container.get("ports")) {
                        ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
                    }
                    assertThat(ports).as(overlay + ": " + app + " management port")
                            .containsEntry("management", managementPorts.get(image));
                    if (httpPorts.containsKey(image)) {
                        assertThat(ports).as(overlay + ": " + app + " http port").containsEntry("http", httpPorts.get(image));
                    } else {
                        assertThat(ports).as(app + ": its only port is the actuator's").containsOnlyKeys("management");
                    }
                    portNamesByApp.put(app, ports.keySet());
                    Map<String, String> probePaths = Map.of("startupProbe", "/actuator/health/liveness",
                            "livenessProbe", "/actuator/health/liveness", "readinessProbe", "/actuator/health/readiness");
                    for (var probe : probePaths.entrySet()) {
                        Map<String, Object> get = map(map(container, probe.getKey()), "httpGet");
                        assertThat(get.get("path")).as(overlay + ": " + app + " " + probe.getKey()).isEqualTo(probe.getValue());
                        assertThat(get.get("port")).as(app + " probes the management port").isEqualTo("management");
                    }
                    assertThat(map(map(pod, "metadata"), "annotations"))
                            .containsEntry("prometheus.io/port", String.valueOf(managementPorts.get(image)))
                            .containsEntry("prometheus.io/path", "/actuator/prometheus");
                }
                // the pod's labels are what its services and budget select
                assertThat(map(map(pod, "metadata"), "labels")).containsEntry("app.kubernetes.io/name", app);
            }
            for (Map<String, Object> service : byKind.get("Service")) {
                String app = (String) map(map(service, "spec"), "selector").get("app.kubernetes.io/name");
                assertThat(portNamesByApp).as(overlay + ": service " + name(service)).containsKey(app);
                for (Map<String, Object> port : (List<Map<String, Object>>) map(service, "spec").get("ports")) {
                    assertThat(portNamesByApp.get(app)).as(name(service)).contains((String) port.get("targetPort"));
                }
            }
            Map<String, Object> backend = map(map((Map<String, Object>) ((List<Object>) map((Map<String, Object>)
                    ((List<Object>) map(find(byKind, "Ingress", "portal"), "spec").get("rules")).get(0), "http")
                    .get("paths")).get(0), "backend"), "service");
            Map<String, Object> portalService = find(byKind, "Service", (String) backend.get("name"));
            assertThat((List<Map<String, Object>>) map(portalService, "spec").get("ports"))
                    .anySatisfy(p -> assertThat(p.get("name")).isEqualTo(map(backend, "port").get("name")));
            assertThat(map(map(find(byKind, "PodDisruptionBudget", "portal"), "spec"), "selector").get("matchLabels"))
                    .isEqualTo(Map.of("app.kubernetes.io/name", "portal"));

            Map<String, Object> scaler = map(find(byKind, "ScaledObject", "worker"), "spec");
            assertThat(map(scaler, "scaleTargetRef").get("name")).isEqualTo("worker");
            assertThat(scaler.get("minReplicaCount")).as("no work, no workers").isEqualTo(0);
            Map<String, Object> trigger = ((List<Map<String, Object>>) scaler.get("triggers")).get(0);
            assertThat(trigger.get("type")).isEqualTo("rabbitmq");
            assertThat(map(trigger, "metadata")).as("the partition queue, counted with the partitions being run")
                    .containsEntry("queueName", partitionQueue()).containsEntry("protocol", "http")
                    .containsEntry("mode", "QueueLength");
            assertThat(names(byKind, "TriggerAuthentication")).contains((String) map(trigger, "authenticationRef").get("name"));
            Map<String, Object> workerPod = map(map(find(byKind, "Deployment", "worker"), "spec"), "template");
            assertThat((Integer) map(workerPod, "spec").get("terminationGracePeriodSeconds")).isGreaterThanOrEqualTo(60);
        }
    }

    private static String partitionQueue() throws IOException {
        Matcher m = Pattern.compile("@DefaultValue\\(\"([^\"]+)\"\\) @NotBlank String partitionQueue").matcher(
                Files.readString(root.resolve("batch-jobs/src/main/java/com/skillmirror/job/remote/BrokerSettings.java")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** kubectl kustomize DIR: offline, no cluster. */
    static List<Map<String, Object>> render(String overlay) throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("kubectl is needed to render deploy/kubernetes (kubectl kustomize);"
                        + " install it (Debian: kubernetes-client) and run again"));
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize",
                root.resolve("deploy/kubernetes").resolve(overlay).toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(overlay + ":\n" + out).isZero();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(out)) {
            if (document != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> doc = (Map<String, Object>) document;
                documents.add(doc);
            }
        }
        return documents;
    }

    static Map<String, List<Map<String, Object>>> byKind(List<Map<String, Object>> documents) {
        Map<String, List<Map<String, Object>>> byKind = new HashMap<>();
        for (Map<String, Object> document : documents) {
            byKind.computeIfAbsent((String) document.get("kind"), k -> new ArrayList<>()).add(document);
        }
        return byKind;
    }

    static List<String> names(Map<String, List<Map<String, Object>>> byKind, String kind) {
        return byKind.getOrDefault(kind, List.of()).stream().map(KubernetesManifestsTest::name).toList();
    }

    static Map<String, Object> find(Map<String, List<Map<String, Object>>> byKind, String kind, String name) {
        return byKind.getOrDefault(kind, List.of()).stream().filter(d -> name.equals(name(d))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static String name(Map<String, Object> document) {
        return (String) map(document, "metadata").get("name");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        return (List<Map<String, Object>>) map(map(map(deployment, "spec"), "template"), "spec").get("containers");
    }

    static Properties properties(String path) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(root.resolve(path))) {
            p.load(in);
        }
        return p;
    }
}
