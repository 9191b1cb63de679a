package com.skillmirror.portal;

import com.skillmirror.SkillMirrorCore;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * The bottom of every fast portal test's context: PostgreSQL with the Flyway migrations, JdbcClient and
 * transactions, the shared defaults, and the two packages every feature stands on, {@code access} (who may see
 * what, the audit log, rate limits) and {@code security} (accounts, tokens and, in a web context, the real filter
 * chains). A feature's test adds its own classes on top.
 * <p>No @Configuration on purpose: the full-application tests scan com.skillmirror, and must not find this.
 */
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class,
        JacksonAutoConfiguration.class, ValidationAutoConfiguration.class})
@Import(SkillMirrorCore.class)
@ComponentScan(basePackages = {"com.skillmirror.portal.access", "com.skillmirror.portal.security"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
public class PortalCoreSlice {
}
