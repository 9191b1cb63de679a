package com.skillmirror.storage;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.stream.Stream;

/**
 * The key that encrypts objects on local disk: a Tink streaming-AEAD keyset (AES-256-GCM-HKDF, 1 MB segments) kept
 * in a file readable by its owner only, made on first use. Losing the file loses the stored videos, so it lives in
 * the SkillMirror home next to what it protects and must be backed up with it.
 */
public final class StorageKeyset {

    private static final String TEMPLATE = "AES256_GCM_HKDF_1MB";

    private StorageKeyset() {
    }

    /**
     * Reads the keyset at {@code file}. It is made only for a store that holds nothing yet: a missing key beside
     * stored objects (a volume not mounted, a file not restored) must stop the start, not replace the key that can
     * read them.
     */
    public static StreamingAead loadOrCreate(Path file, Path storeRoot) throws IOException {
        try {
            StreamingAeadConfig.register();
            if (!Files.exists(file)) {
                if (holdsObjects(storeRoot)) {
                    throw new IOException("The storage key " + file + " is missing, but " + storeRoot
                            + " holds stored objects. Restore the key file from a backup (without it they cannot be"
                            + " read); if this store was written before encryption was on, start with"
                            + " skillmirror.storage.encryption.enabled=false.");
                }
                create(file);
            }
            String json = Files.readString(file, StandardCharsets.UTF_8);
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get())
                    .getPrimitive(StreamingAead.class);
        } catch (GeneralSecurityException e) {
            throw new IOException("The storage key " + file + " is not a valid Tink keyset (" + e.getMessage()
                    + "). Restore it from a backup: without it the stored videos cannot be read.", e);
        }
    }

    private static boolean holdsObjects(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        Path dir = Files.createDirectories(file.toAbsolutePath().getParent());
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(KeyTemplates.get(TEMPLATE)), InsecureSecretKeyAccess.get());
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            // no replace: when two processes make a key at once, the first one's stays and both read that one
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            // the other process won
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
