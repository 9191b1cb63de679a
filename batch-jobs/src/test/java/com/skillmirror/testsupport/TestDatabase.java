package com.skillmirror.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database on the tests' PostgreSQL ({@link TestServices}: the machine's own at 127.0.0.1:5432, trust auth,
 * override with SKILLMIRROR_TEST_PG=host:port; or a container under -Ptestcontainers), created per test class and
 * dropped after, so test classes never share state.
 */
public final class TestDatabase implements AutoCloseable {

    private final String server;
    private final String name;

    private TestDatabase(String server, String name) {
        this.server = server;
        this.name = name;
    }

    public static TestDatabase create() {
        TestServices services = TestServices.current();
        String server = services.postgres().hostPort();
        String name = "sm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + server + " is not reachable" + (services.containers()
                    ? " (its container, -Ptestcontainers)" : " (start it with"
                    + " 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start')") + ": " + e.getMessage(), e);
        }
        return new TestDatabase(server, name);
    }

    public String url() {
        return "jdbc:postgresql://" + server + "/" + name;
    }

    public String username() {
        return "postgres";
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // a leftover test database is harmless; the next run uses a new name
        }
    }
}
