package com.skillmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every storage must do; run against local disk and a real S3-compatible server. */
abstract class StorageContract {

    @TempDir
    Path temp;

    abstract ObjectStorage storage();

    @Test
    void storesReadsListsAndDeletes() throws Exception {
        ObjectStorage storage = storage();
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        storage.put("uploads/u1/videos/v1/original/clip.mp4", new ByteArrayInputStream(data), data.length, "video/mp4");
        storage.put("uploads/u1/videos/v1/proxy.mp4", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "video/mp4");
        storage.put("uploads/u2/videos/v9/proxy.mp4", new ByteArrayInputStream(new byte[] {9}), 1, "video/mp4");

        assertThat(storage.exists("uploads/u1/videos/v1/original/clip.mp4")).isTrue();
        assertThat(storage.size("uploads/u1/videos/v1/original/clip.mp4")).isEqualTo(data.length);
        try (InputStream in = storage.get("uploads/u1/videos/v1/original/clip.mp4")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        Path copy = temp.resolve("copy.mp4");
        storage.download("uploads/u1/videos/v1/original/clip.mp4", copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(data);
        assertThat(storage.list("uploads/u1/")).containsExactly("uploads/u1/videos/v1/original/clip.mp4",
                "uploads/u1/videos/v1/proxy.mp4");

        storage.deleteAll("uploads/u1/");
        assertThat(storage.list("uploads/u1/")).isEmpty();
        assertThat(storage.exists("uploads/u1/videos/v1/proxy.mp4")).isFalse();
        assertThat(storage.list("uploads/u2/")).containsExactly("uploads/u2/videos/v9/proxy.mp4");
    }

    @Test
    void putReplacesAnObject() throws Exception {
        ObjectStorage storage = storage();
        storage.put("a/b.txt", new ByteArrayInputStream("one".getBytes(StandardCharsets.UTF_8)), 3, "text/plain");
        storage.put("a/b.txt", new ByteArrayInputStream("second".getBytes(StandardCharsets.UTF_8)), 6, "text/plain");
        try (InputStream in = storage.get("a/b.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        }
    }

    @Test
    void unknownSizeStreamsAreStored() throws Exception {
        ObjectStorage storage = storage();
        byte[] data = "streamed without a known length".getBytes(StandardCharsets.UTF_8);
        storage.put("s/unknown.bin", new ByteArrayInputStream(data), -1, null);
        assertThat(storage.size("s/unknown.bin")).isEqualTo(data.length);
    }

    @Test
    void missingObjectIsNoSuchFile() {
        assertThatThrownBy(() -> storage().get("nothing/here")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> storage().get("nothing/here", 0, 10)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> storage().size("nothing/here")).isInstanceOf(NoSuchFileException.class);
    }

    /**
     * Ranges on both sides of every 1 MB mark: the encrypted store's segments end near there (the first one shorter
     * by the header), so a seek that lands in the wrong segment or drops a segment's tail shows up as wrong bytes.
     */
    @Test
    void rangedReadsReturnExactlyTheBytesAskedForAcrossSegmentBoundaries() throws Exception {
        ObjectStorage storage = storage();
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(11).nextBytes(data);
        storage.put("r/clip.mp4", data, "video/mp4");

        for (long mark : new long[] {0, 1024 * 1024, 2 * 1024 * 1024, 3 * 1024 * 1024}) {
            for (long offset = Math.max(0, mark - 80); offset <= mark + 80; offset += 7) {
                assertRange(storage, data, offset, 1);
                assertRange(storage, data, offset, 100);
            }
        }
        assertRange(storage, data, 0, data.length);
        assertRange(storage, data, 5, 1024 * 1024 + 3); // spans a whole segment and parts of two more
        assertRange(storage, data, data.length - 1, 1);
        assertRange(storage, data, data.length - 10, 1000); // clipped at the end
        assertRange(storage, data, 1000, Long.MAX_VALUE);
        try (InputStream in = storage.get("r/clip.mp4", data.length, 10)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        try (InputStream in = storage.get("r/clip.mp4", data.length + 100L, 10)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        try (InputStream in = storage.get("r/clip.mp4", 10, 0)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        assertThatThrownBy(() -> storage.get("r/clip.mp4", -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRange(ObjectStorage storage, byte[] data, long offset, long length) throws Exception {
        int from = (int) Math.min(offset, data.length);
        int end = (int) Math.min(data.length, offset + Math.min(length, data.length));
        try (InputStream in = storage.get("r/clip.mp4", offset, length)) {
            assertThat(in.readAllBytes()).as("bytes %d+%d", offset, length)
                    .isEqualTo(java.util.Arrays.copyOfRange(data, from, Math.max(from, end)));
        }
    }
}
