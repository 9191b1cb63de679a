package com.skillmirror.storage;

import com.skillmirror.SkillMirrorSettings;
import io.minio.MinioClient;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * skillmirror.storage.type=local (default, under skillmirror.home) or s3 (skillmirror.storage.s3.*). Both keep videos
 * encrypted at rest unless told otherwise: local files with our key (skillmirror.storage.encryption.*), S3 objects
 * with the server's (skillmirror.storage.s3.server-side-encryption).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StorageSettings.class, SkillMirrorSettings.class})
public class StorageConfiguration {

    @Bean
    @ConditionalOnProperty(name = "skillmirror.storage.type", havingValue = "local", matchIfMissing = true)
    ObjectStorage localDiskStorage(SkillMirrorSettings core, StorageSettings settings) throws IOException {
        Path home = core.home();
        Path root = home.resolve("storage");
        if (!settings.encryption().enabled()) {
            return new LocalDiskStorage(root);
        }
        String keysetFile = settings.encryption().keysetFile();
        Path keyset = keysetFile == null || keysetFile.isBlank()
                ? home.resolve("keys").resolve("storage-keyset.json") : Path.of(keysetFile);
        return LocalDiskStorage.encrypted(root, StorageKeyset.loadOrCreate(keyset, root));
    }

    @Bean
    @ConditionalOnProperty(name = "skillmirror.storage.type", havingValue = "s3")
    ObjectStorage s3Storage(StorageSettings settings) throws IOException {
        StorageSettings.S3 s3 = settings.s3();
        if (s3.endpoint() == null || s3.accessKey() == null || s3.secretKey() == null) {
            throw new IllegalStateException("skillmirror.storage.type=s3 needs skillmirror.storage.s3.endpoint,"
                    + " .access-key and .secret-key: set them, or use skillmirror.storage.type=local");
        }
        MinioClient client = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey())
                .region(s3.region()).build();
        return new S3Storage(client, s3.bucket(), s3.serverSideEncryption()).ensureBucket();
    }
}
