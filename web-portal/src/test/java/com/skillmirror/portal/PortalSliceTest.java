package com.skillmirror.portal;

import com.skillmirror.portal.access.Actor;
import com.skillmirror.portal.access.Role;
import com.skillmirror.portal.security.Account;
import com.skillmirror.portal.security.AccountService;
import com.skillmirror.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Base of the portal's fast tests: a context holding only what one feature needs (see {@link PortalCoreSlice} and
 * {@link PortalWebSlice}), on one database of the machine's real PostgreSQL and one skillmirror.home shared by every
 * such context of the test run. Sharing them is what lets Spring's context cache hand a context to the next class
 * with the same configuration (a database per class, as {@link PortalTestSupport} has, needs @DirtiesContext), so
 * tests make their own accounts and teams with fresh names and never count on an empty table.
 */
public abstract class PortalSliceTest {

    protected static final String PASSWORD = "correct horse battery";

    private static final TestDatabase DATABASE = TestDatabase.create();
    private static final Path HOME = temporaryHome();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DATABASE.close();
            try {
                FileSystemUtils.deleteRecursively(HOME);
            } catch (IOException e) {
                // a leftover temporary folder is harmless
            }
        }));
    }

    @Autowired
    protected AccountService accounts;
    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void sharedDatabaseAndHome(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::username);
        // several slice contexts stay cached side by side: keep each one's idle connections few
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
        registry.add("skillmirror.home", HOME::toString);
        // the first admin of a web context, set so that no one-time password is generated and printed
        registry.add("skillmirror.admin.username", () -> "slice-admin");
        registry.add("skillmirror.admin.password", () -> "slice admin bootstrap phrase");
    }

    protected Account account(Role role) {
        return accounts.create(role.name().toLowerCase() + "-" + fresh(), PASSWORD, role);
    }

    protected static Actor actor(Account account) {
        return new Actor(account.id(), account.username(), account.role());
    }

    /** A short random suffix for names that must not clash with other tests' rows in the shared database. */
    protected static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Path temporaryHome() {
        try {
            return Files.createTempDirectory("skillmirror-portal-slices-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
