package com.skillmirror.storage;

import com.google.crypto.tink.StreamingAead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Objects as files under a root folder; writes go to a temporary file first, so readers never see half an object.
 * The application's own store is encrypted at rest ({@link #encrypted}); a plain one reads folders a user hands us
 * (an expert drop).
 */
public final class LocalDiskStorage implements ObjectStorage {

    private final Path root;
    private final StreamingAead aead;

    public LocalDiskStorage(Path root) throws IOException {
        this(root, null);
    }

    private LocalDiskStorage(Path root, StreamingAead aead) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
        this.aead = aead;
    }

    /**
     * A store whose files are encrypted with the key (streaming, so videos of any size never sit in memory). Each
     * object's key is its associated data: a file moved to another key does not decrypt.
     */
    public static LocalDiskStorage encrypted(Path root, StreamingAead aead) throws IOException {
        return new LocalDiskStorage(root, java.util.Objects.requireNonNull(aead, "aead"));
    }

    public Path root() {
        return root;
    }

    @Override
    public void checkReachable() throws IOException {
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new IOException("The storage folder is missing or not writable: " + root);
        }
    }

    Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Storage key escapes the storage root: " + key);
        }
        return path;
    }

    @Override
    public void put(String key, InputStream content, long size, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            if (aead == null) {
                Files.copy(content, tmp);
            } else {
                try (OutputStream out = aead.newEncryptingStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW),
                        associatedData(key))) {
                    content.transferTo(out);
                } catch (GeneralSecurityException e) {
                    throw new IOException("Could not encrypt " + key + ": " + e.getMessage(), e);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        Path path = existing(key);
        if (aead == null) {
            return Files.newInputStream(path);
        }
        InputStream raw = Files.newInputStream(path);
        try {
            return new DecryptingStream(aead.newDecryptingStream(raw, associatedData(key)), key);
        } catch (GeneralSecurityException e) {
            raw.close();
            throw unreadable(key, e);
        }
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        ObjectStorage.checkRange(offset, length);
        Path path = existing(key);
        if (aead == null) {
            SeekableByteChannel file = Files.newByteChannel(path);
            file.position(offset);
            return new ChannelRange(file, length, () -> Files.size(path));
        }
        // the streaming AEAD is segmented: positioning decrypts only the segments the range touches
        SeekableByteChannel plain = decrypting(Files.newByteChannel(path), key);
        try {
            plain.position(offset);
        } catch (IOException e) {
            plain.close();
            throw unreadable(key, e);
        }
        return new DecryptingStream(new ChannelRange(plain, length, () -> size(key)), key);
    }

    @Override
    public void download(String key, Path target) throws IOException {
        if (aead == null) {
            Files.copy(existing(key), target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (InputStream in = get(key)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public long size(String key) throws IOException {
        Path path = existing(key);
        if (aead == null) {
            return Files.size(path);
        }
        SeekableByteChannel plain = decrypting(Files.newByteChannel(path), key);
        try (plain) {
            // the key and the header are checked on the first read; an empty object has nothing to read
            return plain.read(ByteBuffer.allocate(1)) <= 0 ? 0 : plain.size();
        } catch (IOException e) {
            throw unreadable(key, e);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path dir = prefix.isEmpty() ? root : prefix.endsWith("/") ? resolve(prefix) : resolve(prefix).getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        // jobs write (temporary .part files, renamed when complete) and delete while a list runs: a file or folder
        // gone between seeing its name and reading its attributes is skipped, not an error of the whole list
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String key = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (attrs.isRegularFile() && !file.getFileName().toString().endsWith(".part") && key.startsWith(prefix)) {
                    keys.add(key);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    private SeekableByteChannel decrypting(SeekableByteChannel raw, String key) throws IOException {
        try {
            return aead.newSeekableDecryptingChannel(raw, associatedData(key));
        } catch (GeneralSecurityException e) {
            raw.close();
            throw unreadable(key, e);
        }
    }

    private static byte[] associatedData(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static IOException unreadable(String key, Exception e) {
        return new IOException("Stored object " + key + " cannot be decrypted with this installation's storage key ("
                + e.getMessage() + "): it was written with another key or altered. Restore the key file from a backup.", e);
    }

    /** Decryption fails on read, not on open: say then which object and what to do, not just "no matching key". */
    private static final class DecryptingStream extends FilterInputStream {
        private final String key;

        DecryptingStream(InputStream in, String key) {
            super(in);
            this.key = key;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw unreadable(key, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw unreadable(key, e);
            }
        }
    }

    private interface SizeLookup {
        long size() throws IOException;
    }

    /** At most {@code remaining} bytes of a channel from its position on; closing it closes the channel. */
    private static final class ChannelRange extends InputStream {
        private final SeekableByteChannel channel;
        private final SizeLookup size;
        private long remaining;

        ChannelRange(SeekableByteChannel channel, long remaining, SizeLookup size) {
            this.channel = channel;
            this.remaining = remaining;
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (remaining <= 0) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)));
            if (n < 0 || n == 0 && atEnd()) {
                remaining = 0;
                return -1;
            }
            remaining -= n;
            return n;
        }

        /**
         * Tink's decrypting channel reads nothing, forever, once positioned at or past the end instead of saying
         * end of stream (only reading up to the end does); a read of nothing means the end only there.
         */
        private boolean atEnd() throws IOException {
            // never false: a read of nothing before the end would loop forever, so it is an error
            long position = channel.position();
            long total = size.size();
            if (position >= total) {
                return true;
            }
            throw new IOException("Read nothing at byte " + position + " of " + total + " bytes");
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private Path existing(String key) throws IOException {
        Path path = resolve(key);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException("No stored object " + key);
        }
        return path;
    }
}
