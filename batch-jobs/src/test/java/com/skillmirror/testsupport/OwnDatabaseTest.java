package com.skillmirror.testsupport;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring test class with its own fresh database on the machine's PostgreSQL and its own skillmirror.home (local
 * storage), so test classes never see each other's rows or objects.
 * <p>The context is closed after the class: two classes with the same configuration would otherwise share one cached
 * context, the second one still connected to the first one's database, which is dropped by then.
 */
@DirtiesContext
public abstract class OwnDatabaseTest {

    protected static TestDatabase database;
    @TempDir
    protected static Path home;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @DynamicPropertySource
    static void databaseAndHome(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("skillmirror.home", () -> home.toString());
    }
}
