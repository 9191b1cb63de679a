package com.skillmirror.storage;

import io.minio.MinioClient;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** skillmirror.storage.type=local (default, under skillmirror.home) or s3 (skillmirror.storage.s3.*). */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    @Bean
    @ConditionalOnProperty(name = "skillmirror.storage.type", havingValue = "local", matchIfMissing = true)
    ObjectStorage localDiskStorage(@Value("${skillmirror.home}") Path home) throws IOException {
        return new LocalDiskStorage(home.resolve("storage"));
    }

    @Bean
    @ConditionalOnProperty(name = "skillmirror.storage.type", havingValue = "s3")
    ObjectStorage s3Storage(@Value("${skillmirror.storage.s3.endpoint}") String endpoint,
                            @Value("${skillmirror.storage.s3.access-key}") String accessKey,
                            @Value("${skillmirror.storage.s3.secret-key}") String secretKey,
                            @Value("${skillmirror.storage.s3.region:us-east-1}") String region,
                            @Value("${skillmirror.storage.s3.bucket:skillmirror}") String bucket) throws IOException {
        MinioClient client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey)
                .region(region).build();
        return new S3Storage(client, bucket).ensureBucket();
    }
}
