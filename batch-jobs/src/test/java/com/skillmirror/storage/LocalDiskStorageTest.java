package com.skillmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LocalDiskStorageTest extends StorageContract {

    @Override
    ObjectStorage storage() {
        try {
            return new LocalDiskStorage(temp.resolve("store"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void keysCannotEscapeTheRoot() {
        ObjectStorage storage = storage();
        assertThatThrownBy(() -> storage.put("../outside.txt", new ByteArrayInputStream(new byte[1]), 1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.get("a/../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listingWhileAJobWritesAndDeletesFilesSkipsWhatVanishes() throws Exception {
        ObjectStorage storage = storage();
        storage.put("uploads/a/stable.json", new ByteArrayInputStream(new byte[] {1}), 1, null);
        Path busy = temp.resolve("store/uploads/b");
        Files.createDirectories(busy);
        AtomicBoolean stop = new AtomicBoolean();
        // a writer as the jobs do it: temporary parts renamed into place, objects deleted, folders come and go
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    Path folder = Files.createDirectories(busy.resolve("v" + (i % 3)));
                    Path part = Files.write(folder.resolve(".report." + i + ".part"), new byte[] {2});
                    Files.move(part, folder.resolve("report" + i + ".pdf"));
                    Files.deleteIfExists(folder.resolve("report" + i + ".pdf"));
                    if (i % 10 == 0) {
                        Files.deleteIfExists(folder);
                    }
                }
            } catch (java.io.IOException e) {
                // a folder removed under the writer's feet by its own cleanup: the next round makes it again
            }
        });
        writer.start();
        try {
            for (int i = 0; i < 2000; i++) {
                assertThat(storage.list("uploads/")).contains("uploads/a/stable.json")
                        .noneMatch(k -> k.endsWith(".part"));
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }
}
