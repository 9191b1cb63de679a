package com.skillmirror.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded PostgreSQL on a real home folder: nobody gets in without the generated password (not over TCP, not
 * over the local socket), the application does, and the password survives restarts. The audit read the password
 * hashes with {@code psql -h 127.0.0.1 -p PORT -U postgres}; that is checked here too.
 */
class EmbeddedDatabaseConfigurationTest {

    @TempDir
    Path home;

    @Test
    void aNewDatabaseNeedsTheGeneratedPasswordWhichIsOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        String password;
        try (var context = start(home)) {
            assertApplicationConnects(context);
            int port = context.getBean(EmbeddedPostgres.class).getPort();
            assertRefusedWithout(context, port);
            Path file = home.resolve("db-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            password = Files.readString(file, StandardCharsets.US_ASCII);
            assertThat(password).hasSizeGreaterThanOrEqualTo(40);
            assertThat(connect(port, password)).isTrue();
        }
        try (var context = start(home)) {
            assertApplicationConnects(context);
            assertThat(Files.readString(home.resolve("db-password"), StandardCharsets.US_ASCII)).isEqualTo(password);
            assertRefusedWithout(context, context.getBean(EmbeddedPostgres.class).getPort());
        }
    }

    @Test
    void aDatabaseMadeBeforePasswordsKeepsItsDataAndGetsThePassword() throws Exception {
        Path dataDir = home.resolve("db");
        Files.createDirectories(dataDir);
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).start()) {
            assertThat(connect(old.getPort(), null)).as("the old default trusted everyone").isTrue();
            try (Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('from before')");
            }
        }
        assertThat(home.resolve("db-password")).doesNotExist();

        try (var context = start(home)) {
            assertRefusedWithout(context, context.getBean(EmbeddedPostgres.class).getPort());
            try (Connection c = context.getBean(DataSource.class).getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("from before");
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("db-password"))))
                    .isEqualTo("rw-------");
        }
        try (var context = start(home)) {
            assertApplicationConnects(context);
            assertRefusedWithout(context, context.getBean(EmbeddedPostgres.class).getPort());
        }
    }

    @Test
    void aMissingPasswordFileIsNamedInsteadOfReplaced() throws Exception {
        try (var context = start(home)) {
            assertApplicationConnects(context);
        }
        Files.delete(home.resolve("db-password"));
        assertThatThrownBy(() -> start(home))
                .isInstanceOf(BeanCreationException.class)
                .rootCause()
                .hasMessageContaining("needs its password file " + home.resolve("db-password"))
                .hasMessageContaining("restore it from your backup");
        assertThat(home.resolve("db-password")).doesNotExist();
    }

    private static AnnotationConfigApplicationContext start(Path home) {
        var context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of("skillmirror.home", home.toString())));
        context.register(EmbeddedDatabaseConfiguration.class);
        try {
            context.refresh();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return context;
    }

    private static void assertApplicationConnects(AnnotationConfigApplicationContext context) throws SQLException {
        try (Connection c = context.getBean(DataSource.class).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("postgres");
        }
    }

    /** No password, a wrong one, psql over TCP as in the audit, and psql over the server's own local socket. */
    private static void assertRefusedWithout(AnnotationConfigApplicationContext context, int port) throws Exception {
        assertThat(connect(port, null)).as("no password").isFalse();
        assertThat(connect(port, "wrong-password")).as("wrong password").isFalse();
        assertThat(psql("127.0.0.1", port)).as("psql -h 127.0.0.1").contains("password");
        String socketDirs;
        try (Connection c = context.getBean(DataSource.class).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW unix_socket_directories")) {
            rs.next();
            socketDirs = rs.getString(1);
        }
        for (String dir : socketDirs.split(",")) {
            if (!dir.isBlank()) {
                assertThat(psql(dir.strip(), port)).as("psql over the socket in " + dir).contains("password");
            }
        }
    }

    /** True when postgres gets in with this password (null: none). */
    private static boolean connect(int port, String password) {
        var props = new java.util.Properties();
        props.setProperty("user", "postgres");
        if (password != null) {
            props.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props)) {
            return c.isValid(5);
        } catch (SQLException refused) {
            assertThat(refused.getMessage()).containsIgnoringCase("password");
            return false;
        }
    }

    /** psql's output for a query of the password hashes, never prompting (-w), with no password in the environment. */
    private static String psql(String host, int port) throws IOException, InterruptedException {
        var builder = new ProcessBuilder("psql", "-w", "-h", host, "-p", String.valueOf(port), "-U", "postgres",
                "-d", "postgres", "-At", "-c", "SELECT rolpassword FROM pg_authid")
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertThat(exit).as("psql -h %s must be refused: %s", host, output).isNotZero();
        return output;
    }
}
