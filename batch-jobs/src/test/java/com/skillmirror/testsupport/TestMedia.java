package com.skillmirror.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Real media for tests, fetched by Debian package name by {@code scripts/fetch-test-media.sh} into a cache
 * outside the repository. A missing file fails the test with the command that fetches it: tests never skip.
 */
public final class TestMedia {

    private TestMedia() {
    }

    public static Path cacheDir() {
        String env = System.getenv("SKILLMIRROR_CACHE");
        Path base = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "skillmirror");
        return base.resolve("media");
    }

    /** A fetched file or folder, by its name in the cache (see the script for the list). */
    public static synchronized Path file(String name) {
        Path path = cacheDir().resolve(name);
        if (!Files.exists(path)) {
            fetch();
        }
        if (!Files.exists(path)) {
            throw new IllegalStateException("Test media " + name + " is missing from " + cacheDir()
                    + "; run scripts/fetch-test-media.sh (needs apt-get and dpkg-deb)");
        }
        return path;
    }

    private static void fetch() {
        Path script = repoRoot().resolve("scripts/fetch-test-media.sh");
        try {
            Process process = new ProcessBuilder("bash", script.toString()).inheritIO().start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/fetch-test-media.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Not inside the SkillMirror repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
