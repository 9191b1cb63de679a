package com.skillmirror.storage;

import com.skillmirror.testsupport.TestS3Server;
import io.minio.MinioClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The S3 path through the MinIO client against a real S3-compatible server (S3Proxy) started by the test. */
class S3StorageTest extends StorageContract {

    private TestS3Server server;
    private ObjectStorage storage;

    @BeforeEach
    void startServer() throws Exception {
        server = new TestS3Server(java.nio.file.Files.createDirectories(temp.resolve("s3")));
        MinioClient client = MinioClient.builder().endpoint(server.endpoint())
                .credentials(TestS3Server.ACCESS_KEY, TestS3Server.SECRET_KEY).build();
        storage = new S3Storage(client, "skillmirror-test").ensureBucket();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Override
    ObjectStorage storage() {
        return storage;
    }
}
