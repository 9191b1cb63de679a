package com.skillmirror.portal.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC key that signs access tokens: skillmirror.security.jwt-secret (base64, at least 32 bytes) when set, so
 * several portal replicas share it; otherwise a random key kept in skillmirror.home/jwt-secret (owner-only), so
 * the embedded default needs no setup and tokens survive a restart.
 */
final class JwtKeys {

    private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);
    private static final int MIN_BYTES = 32;

    private JwtKeys() {
    }

    static SecretKey load(String configured, Path home) throws IOException {
        byte[] bytes;
        if (configured != null && !configured.isBlank()) {
            bytes = Base64.getDecoder().decode(configured.strip());
            if (bytes.length < MIN_BYTES) {
                throw new IllegalStateException("skillmirror.security.jwt-secret must be base64 of at least "
                        + MIN_BYTES + " random bytes (e.g. 'openssl rand -base64 32'), got " + bytes.length);
            }
        } else {
            Path file = home.resolve("jwt-secret");
            if (Files.exists(file)) {
                bytes = Base64.getDecoder().decode(Files.readString(file).strip());
            } else {
                bytes = new byte[MIN_BYTES];
                new SecureRandom().nextBytes(bytes);
                Files.createDirectories(home);
                Files.writeString(file, Base64.getEncoder().encodeToString(bytes));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    log.warn("Could not restrict permissions of {}", file);
                }
                log.info("Generated the token signing key in {}", file);
            }
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
