package com.skillmirror.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.storage.*
 *
 * @param type local (files under skillmirror.home/storage) or s3
 * @param encryption local storage encrypted at rest
 * @param s3 the S3/MinIO server when type=s3
 */
@ConfigurationProperties("skillmirror.storage")
@Validated
public record StorageSettings(@DefaultValue("local") @Pattern(regexp = "(?i)local|s3") String type,
                              @DefaultValue @Valid Encryption encryption, @DefaultValue @Valid S3 s3) {

    /**
     * @param enabled encrypt local files with our key (Tink streaming AES-256-GCM)
     * @param keysetFile the key file (unset: skillmirror.home/keys/storage-keyset.json)
     */
    public record Encryption(@DefaultValue("true") boolean enabled, String keysetFile) {
    }

    /**
     * @param endpoint the server's URL
     * @param accessKey its access key
     * @param secretKey its secret key (never logged)
     * @param region the region
     * @param bucket the bucket (created if missing)
     * @param serverSideEncryption ask for SSE-S3 on every write
     */
    public record S3(String endpoint, String accessKey, String secretKey, @DefaultValue("us-east-1") String region,
                     @DefaultValue("skillmirror") @NotBlank String bucket,
                     @DefaultValue("true") boolean serverSideEncryption) {

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", serverSideEncryption="
                    + serverSideEncryption + "]";
        }
    }
}
