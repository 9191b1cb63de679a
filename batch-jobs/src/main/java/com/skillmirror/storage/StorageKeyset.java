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
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * The key that encrypts objects on local disk: a Tink streaming-AEAD keyset (AES-256-GCM-HKDF, 1 MB segments) kept
 * in a file readable by its owner only, made on first use. Losing the file loses the stored videos, so it lives in
 * the SkillMirror home next to what it protects and must be backed up with it.
 */
public final class StorageKeyset {

    private static final String TEMPLATE = "AES256_GCM_HKDF_1MB";

    private StorageKeyset() {
    }

    /** Reads the keyset at {@code file}, creating it (and its folder) when absent. */
    public static StreamingAead loadOrCreate(Path file) throws IOException {
        try {
            StreamingAeadConfig.register();
            if (!Files.exists(file)) {
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

    private static void create(Path file) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(KeyTemplates.get(TEMPLATE)), InsecureSecretKeyAccess.get());
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            // no replace: when two processes create the key at once, the first one wins and both read it
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
    }
}
