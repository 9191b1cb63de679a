package com.skillmirror.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
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
}
