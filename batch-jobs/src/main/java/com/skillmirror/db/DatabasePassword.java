package com.skillmirror.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded database's superuser password: generated once, kept owner-only beside the database, reused on every
 * start. Without it any local user could connect as superuser (trust), so it is part of the data to back up.
 */
record DatabasePassword(Path file, String value) {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @Override
    public String toString() {
        return "DatabasePassword[" + file + "]";
    }

    static DatabasePassword readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        String value = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (value.isEmpty()) {
            throw new IOException("The embedded database's password file " + file + " is empty: restore it from the"
                    + " backup of " + file.getParent() + ", or delete it only together with the db folder beside it");
        }
        return new DatabasePassword(file, value);
    }

    /** Written to a temp file that is owner-only from its creation, then moved in place: never readable by others. */
    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        Path temp = ownerOnlyTempFile(file);
        try {
            Files.writeString(temp, value, StandardCharsets.US_ASCII);
            Files.move(temp, file); // refuses to replace a file another process made meanwhile
        } catch (FileAlreadyExistsException raced) {
            // another process made it first: theirs is the one the database gets
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path ownerOnlyTempFile(Path file) throws IOException {
        Path dir = file.getParent();
        String prefix = "." + file.getFileName() + "-";
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Path temp = Files.createTempFile(dir, prefix, ".tmp");
        temp.toFile().setReadable(false, false);
        temp.toFile().setReadable(true, true);
        temp.toFile().setWritable(false, false);
        temp.toFile().setWritable(true, true);
        return temp;
    }
}
