package com.skillmirror.storage;

import io.minio.MinioClient;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * skillmirror.storage.type=local (default, under skillmirror.home) or s3 (skillmirror.storage.s3.*). Both keep videos
 * encrypted at rest unless told otherwise: local files with our key (skillmirror.storage.encryption.*), S3 objects
 * with the server's (skillmirror.storage.s3.server-side-encryption).
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    @Bean
    @ConditionalOnProperty(name = "skillmirror.storage.type", havingValue = "local", matchIfMissing = true)
    ObjectStorage localDiskStorage(@Value("${skillmirror.home}") Path home,
                                   @Value("${skillmirror.storage.encryption.enabled:true}") boolean encrypted,
                                   @Value("${skillmirror.storage.encryption.keyset-file:}") String keysetFile)
            throws IOException {
        Path root = home.resolve("storage");
        if (!encrypted) {
            return new LocalDiskStorage(root);
        }
        Path keyset = keysetFile.isBlank() ? home.resolve("keys").resolve("storage-keyset.json") : Path.of(keysetFile);
        return LocalDiskStorage.encrypted(root, StorageKeyset.loadOrCreate(keyset, root));
    }

    @Bean
    @ConditionalOnProperty(name = "skillmirror.storage.type", havingValue = "s3")
    ObjectStorage s3Storage(@Value("${skillmirror.storage.s3.endpoint}") String endpoint,
                            @Value("${skillmirror.storage.s3.access-key}") String accessKey,
                            @Value("${skillmirror.storage.s3.secret-key}") String secretKey,
                            @Value("${skillmirror.storage.s3.region:us-east-1}") String region,
                            @Value("${skillmirror.storage.s3.bucket:skillmirror}") String bucket,
                            @Value("${skillmirror.storage.s3.server-side-encryption:true}") boolean sse)
            throws IOException {
        MinioClient client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey)
                .region(region).build();
        return new S3Storage(client, bucket, sse).ensureBucket();
    }
}
