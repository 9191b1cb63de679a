package com.skillmirror.storage;

import com.skillmirror.testsupport.TestS3Server;
import io.minio.MinioClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 path through the MinIO client against a real S3-compatible server (S3Proxy) started by the test. */
class S3StorageTest extends StorageContract {

    private TestS3Server server;
    private ObjectStorage storage;
    private S3Storage encrypting;

    @BeforeEach
    void startServer() throws Exception {
        server = new TestS3Server(java.nio.file.Files.createDirectories(temp.resolve("s3")));
        MinioClient client = MinioClient.builder().endpoint(server.endpoint())
                .credentials(TestS3Server.ACCESS_KEY, TestS3Server.SECRET_KEY).build();
        // S3Proxy cannot do SSE-S3; the contract runs without it, and the refusal is tested below
        storage = new S3Storage(client, "skillmirror-test", false).ensureBucket();
        encrypting = new S3Storage(client, "skillmirror-test", true);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void aServerThatCannotEncryptAtRestRefusesTheWriteAndStoresNothing() throws Exception {
        assertThatThrownBy(() -> encrypting.put("uploads/u/videos/v/original/clip.mp4", new byte[] {1, 2, 3}, "video/mp4"))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("cannot encrypt objects at rest").hasMessageContaining("MINIO_KMS_SECRET_KEY");
        assertThat(storage.list("uploads/")).isEmpty();
    }

    @Override
    ObjectStorage storage() {
        return storage;
    }
}
