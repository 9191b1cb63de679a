package com.skillmirror.cli;

import com.skillmirror.SkillMirrorCore;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

/**
 * The context of the commands that run the analysis job (analyze, compare, ingest, bench job): batch-jobs' beans
 * only (storage, the embedded database, the job with in-process partitions), quiet, without a web server. The
 * portal and the expert-ingest app are on this class path for `serve`; their packages are left out of the scan, and
 * the auto-configurations that only their libraries bring are excluded, so none of their beans (security, teams,
 * live progress, the nightly scheduler, page templates, API docs) is created here.
 *
 * <p>Deliberately not a {@code @Configuration}: the portal scans every com.skillmirror package when `serve` boots
 * it from this jar, and must not find a second application here.
 */
@EnableAutoConfiguration(exclude = {SecurityAutoConfiguration.class, QuartzAutoConfiguration.class,
        ThymeleafAutoConfiguration.class, SpringDocConfiguration.class})
@ComponentScan(basePackageClasses = SkillMirrorCore.class, excludeFilters = {
        @Filter(type = FilterType.REGEX, pattern = {"com\\.skillmirror\\.portal\\..*", "com\\.skillmirror\\.ingest\\..*",
                "com\\.skillmirror\\.cli\\..*"}),
        // another application (a test's, say) would bring its own scan of everything
        @Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class)})
final class JobContext {

    private JobContext() {
    }

    static ConfigurableApplicationContext start() {
        return start(null);
    }

    /**
     * @param phases where to say what the start-up is doing (the embedded database, the migrations), before the
     *               context is up; null for silence
     */
    static ConfigurableApplicationContext start(PrintStream phases) {
        SpringApplication app = new SpringApplication(JobContext.class);
        if (phases != null) {
            app.addInitializers(context -> context.getBeanFactory().addBeanPostProcessor(new StartupPhases(phases)));
        }
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        app.setDefaultProperties(Map.of("logging.level.root", "WARN", "logging.level.com.skillmirror", "WARN",
                "spring.main.banner-mode", "off", "logging.level.org.apache.pdfbox", "ERROR"));
        return app.run();
    }

    /** Says when the slow parts of the start are reached: the embedded database, the migrations, the job. */
    private static final class StartupPhases implements BeanPostProcessor {

        private final PrintStream out;
        private final long startNanos = System.nanoTime();
        private final Set<String> said = ConcurrentHashMap.newKeySet();

        StartupPhases(PrintStream out) {
            this.out = out;
        }

        @Override
        public Object postProcessBeforeInitialization(Object bean, String name) {
            switch (name) {
                case "embeddedPostgres" -> say("database: starting the embedded PostgreSQL");
                case "flywayInitializer" -> say("database: migrations");
                case "analysisJob" -> say("job: wiring the stages");
                default -> { }
            }
            return bean;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (name.equals("dataSource")) {
                say("database: connected");
            }
            return bean;
        }

        private void say(String text) {
            if (said.add(text)) {
                out.printf(Locale.ROOT, "  starting... %s (%.1f s)%n", text, (System.nanoTime() - startNanos) / 1e9);
                out.flush();
            }
        }
    }
}
