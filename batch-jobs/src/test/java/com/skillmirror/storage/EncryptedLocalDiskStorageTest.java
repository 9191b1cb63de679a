package com.skillmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The application's own store: the storage contract holds, and what lies on disk is ciphertext. */
class EncryptedLocalDiskStorageTest extends StorageContract {

    private ObjectStorage storage;

    @Override
    ObjectStorage storage() {
        if (storage == null) {
            storage = open(temp.resolve("keys/storage-keyset.json"));
        }
        return storage;
    }

    private ObjectStorage open(Path keyset) {
        try {
            return LocalDiskStorage.encrypted(temp.resolve("store"), StorageKeyset.loadOrCreate(keyset, temp.resolve("store")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void filesOnDiskHoldNoPlaintextAndTheKeyIsTheOwnersAlone() throws Exception {
        byte[] video = "ftypisom a coach's private training video ".repeat(5000).getBytes(StandardCharsets.UTF_8);
        storage().put("uploads/u/videos/v/original/clip.mp4", video, "video/mp4");

        byte[] onDisk = Files.readAllBytes(temp.resolve("store/uploads/u/videos/v/original/clip.mp4"));
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain("private training video");
        assertThat(onDisk.length).isGreaterThan(video.length);
        assertThat(storage().size("uploads/u/videos/v/original/clip.mp4")).isEqualTo(video.length);
        try (InputStream in = storage().get("uploads/u/videos/v/original/clip.mp4")) {
            assertThat(in.readAllBytes()).isEqualTo(video);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("keys/storage-keyset.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aFileMovedToAnotherKeyOrReadWithAnotherKeyIsRefusedWithAClearError() throws Exception {
        storage().put("a/one.bin", "first".getBytes(StandardCharsets.UTF_8), null);
        Path store = temp.resolve("store");
        Files.createDirectories(store.resolve("b"));
        Files.copy(store.resolve("a/one.bin"), store.resolve("b/two.bin"));
        assertThatThrownBy(() -> storage().get("b/two.bin").readAllBytes()).hasMessageContaining("b/two.bin")
                .hasMessageContaining("cannot be decrypted");

        // another installation's key (made for its own, empty store) pointed at this one
        ObjectStorage otherKey = LocalDiskStorage.encrypted(store,
                StorageKeyset.loadOrCreate(temp.resolve("other/storage-keyset.json"), temp.resolve("other/store")));
        assertThatThrownBy(() -> otherKey.size("a/one.bin")).hasMessageContaining("cannot be decrypted")
                .hasMessageContaining("Restore the key file");
    }

    @Test
    void aMissingKeyBesideStoredObjectsStopsTheStartInsteadOfMakingANewOne() throws Exception {
        storage().put("a/kept.mp4", "a video".getBytes(StandardCharsets.UTF_8), "video/mp4");
        Path lost = temp.resolve("keys/storage-keyset.json");
        Files.delete(lost); // e.g. the volume with the key was not mounted
        assertThatThrownBy(() -> StorageKeyset.loadOrCreate(lost, temp.resolve("store")))
                .hasMessageContaining("is missing, but").hasMessageContaining("Restore the key file")
                .hasMessageContaining("skillmirror.storage.encryption.enabled=false");
        assertThat(lost).doesNotExist();
    }

    /**
     * A ranged read seeks to its segment instead of decrypting the file from its start: with the first segment
     * damaged on disk, a range further on still reads (and a read that covers the damage is refused).
     */
    @Test
    void aRangedReadDecryptsOnlyTheSegmentsItTouches() throws Exception {
        byte[] video = new byte[3 * 1024 * 1024];
        new java.util.Random(3).nextBytes(video);
        storage().put("a/big.mp4", video, "video/mp4");
        Path onDisk = temp.resolve("store/a/big.mp4");
        byte[] cipher = Files.readAllBytes(onDisk);
        cipher[1000] ^= 1; // inside the first segment, after the header
        Files.write(onDisk, cipher);

        try (InputStream in = storage().get("a/big.mp4", video.length - 100, 100)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(video, video.length - 100, video.length));
        }
        assertThatThrownBy(() -> storage().get("a/big.mp4", 10, 100).readAllBytes())
                .hasMessageContaining("a/big.mp4").hasMessageContaining("cannot be decrypted");
        assertThatThrownBy(() -> storage().get("a/big.mp4").readAllBytes()).hasMessageContaining("cannot be decrypted");
    }

    @Test
    void anEmptyObjectHasSizeZero() throws Exception {
        storage().put("a/empty.mp4", new byte[0], "video/mp4");
        assertThat(storage().size("a/empty.mp4")).isZero();
        assertThat(storage().get("a/empty.mp4").readAllBytes()).isEmpty();
        assertThat(storage().get("a/empty.mp4", 0, 10).readAllBytes()).isEmpty();
    }

    @Test
    void theKeyIsKeptAcrossRestarts() throws Exception {
        storage().put("a/kept.txt", "still readable".getBytes(StandardCharsets.UTF_8), "text/plain");
        ObjectStorage reopened = open(temp.resolve("keys/storage-keyset.json"));
        try (InputStream in = reopened.get("a/kept.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("still readable");
        }
    }
}
