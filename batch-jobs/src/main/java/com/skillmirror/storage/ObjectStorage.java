package com.skillmirror.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where uploads and stage outputs live: local disk in the embedded default, S3/MinIO when distributed.
 * Keys are '/'-separated and built by the application only (see {@link StorageKeys}); never from user input.
 */
public interface ObjectStorage {

    /** Stores the stream under the key, replacing what was there. The stream is read to its end, not buffered in memory. */
    void put(String key, InputStream content, long size, String contentType) throws IOException;

    default void put(String key, Path file, String contentType) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            put(key, in, java.nio.file.Files.size(file), contentType);
        }
    }

    default void put(String key, byte[] content, String contentType) throws IOException {
        put(key, new java.io.ByteArrayInputStream(content), content.length, contentType);
    }

    InputStream get(String key) throws IOException;

    /**
     * At most {@code length} bytes of the object from {@code offset} on: fewer at its end, none from its end on.
     * Reads only that part (a seek in the file or segment of the encrypted file, a ranged GET in S3), so serving a
     * byte range of a large video costs the range, not the video up to it.
     */
    InputStream get(String key, long offset, long length) throws IOException;

    /** A range read's arguments: what no caller may ask for, whatever the object. */
    static void checkRange(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("A stored object's range needs a non-negative offset and length, not "
                    + offset + " and " + length);
        }
    }

    /** Copies the object to a local file (FFmpeg needs a seekable file). */
    void download(String key, Path target) throws IOException;

    boolean exists(String key) throws IOException;

    long size(String key) throws IOException;

    /** Keys under the prefix, sorted. */
    List<String> list(String prefix) throws IOException;

    void delete(String key) throws IOException;

    /**
     * Throws when the store cannot take writes now (the readiness check: the local folder missing or not writable,
     * the S3 bucket unreachable). Cheap: no object is written or read. Both stores override it; a store that
     * wraps another (tests) is reachable when what it wraps is.
     */
    default void checkReachable() throws IOException {
    }

    /** Deletes every object under the prefix. */
    default void deleteAll(String prefix) throws IOException {
        for (String key : list(prefix)) {
            delete(key);
        }
    }
}
