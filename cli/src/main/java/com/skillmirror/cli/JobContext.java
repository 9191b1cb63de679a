package com.skillmirror.cli;

import com.skillmirror.SkillMirrorCore;
import java.util.Map;
import org.springdoc.core.configuration.SpringDocConfiguration;
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
        SpringApplication app = new SpringApplication(JobContext.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        app.setDefaultProperties(Map.of("logging.level.root", "WARN", "logging.level.com.skillmirror", "WARN",
                "spring.main.banner-mode", "off", "logging.level.org.apache.pdfbox", "ERROR"));
        return app.run();
    }
}
