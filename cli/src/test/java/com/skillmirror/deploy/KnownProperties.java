package com.skillmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The properties a deployment's environment variables may bind to, for ComposeFileTest and KubernetesManifestsTest:
 * those in Spring Boot's configuration metadata and ours (@ConfigurationProperties records, ${skillmirror...}
 * placeholders, @ConditionalOnProperty names and properties read directly). The cli module has every application's
 * settings records on its class path, the portal's included.
 */
final class KnownProperties {

    private KnownProperties() {
    }

    /** Every known property, normalised. */
    static Set<String> read(Path root) throws Exception {
        Set<String> names = new HashSet<>(springBootMetadataProperties());
        names.addAll(ourProperties(root));
        return names;
    }

    /** Relaxed binding: SKILLMIRROR_STORAGE_S3_ACCESS_KEY and skillmirror.storage.s3.access-key are the same. */
    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-._]", "");
    }

    private static Set<String> springBootMetadataProperties() throws IOException {
        Set<String> names = new HashSet<>();
        Pattern property = Pattern.compile("\"name\"\\s*:\\s*\"([a-z0-9.\\-\\[\\]]+)\"");
        Enumeration<URL> resources = KnownProperties.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (resources.hasMoreElements()) {
            try (InputStream in = resources.nextElement().openStream()) {
                Matcher m = property.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    names.add(normalise(m.group(1)));
                }
            }
        }
        assertThat(names).as("Spring Boot's configuration metadata")
                .contains(normalise("spring.datasource.url"), normalise("management.server.port"));
        return names;
    }

    private static Set<String> ourProperties(Path root) throws Exception {
        Set<String> names = new HashSet<>();
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents("com.skillmirror")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    names.add(normalise(prefix + "." + component.getName()));
                }
            }
        }
        Pattern placeholder = Pattern.compile("\\$\\{(skillmirror\\.[a-z0-9.\\-]+)");
        Pattern conditional = Pattern.compile("name = \"(skillmirror\\.[a-z0-9.\\-]+)\"");
        Pattern readDirectly = Pattern.compile("getProperty\\(\"(skillmirror\\.[a-z0-9.\\-]+)\"");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().contains("/src/main/"))
                    .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".properties")).toList()) {
                String text = Files.readString(file);
                for (Pattern pattern : List.of(placeholder, conditional, readDirectly)) {
                    Matcher m = pattern.matcher(text);
                    while (m.find()) {
                        names.add(normalise(m.group(1)));
                    }
                }
            }
        }
        return names;
    }
}
