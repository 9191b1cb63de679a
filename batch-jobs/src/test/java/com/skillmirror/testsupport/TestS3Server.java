package com.skillmirror.testsupport;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Bucket;
import io.minio.messages.Item;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3-compatible server for the tests of the S3 path: S3Proxy on a folder on a free loopback port, or under
 * -Ptestcontainers the JVM's shared MinIO container ({@link TestServices}), emptied first so that each instance
 * starts as bare as a new S3Proxy would.
 */
public final class TestS3Server implements AutoCloseable {

    public static final String ACCESS_KEY = TestServices.S3_ACCESS_KEY;
    public static final String SECRET_KEY = TestServices.S3_SECRET_KEY;

    private final S3Proxy proxy;
    private final String endpoint;

    public TestS3Server(Path folder) throws Exception {
        Optional<String> shared = TestServices.current().s3Endpoint();
        if (shared.isPresent()) {
            proxy = null;
            endpoint = shared.get();
            empty(endpoint);
            return;
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        endpoint = "http://127.0.0.1:" + port;
        proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(folder.toString()))
                .endpoint(URI.create(endpoint))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(20);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
    }

    /** Removes every bucket with its objects (test classes run one after another in a JVM, never side by side). */
    private static void empty(String endpoint) throws Exception {
        MinioClient client = MinioClient.builder().endpoint(endpoint).credentials(ACCESS_KEY, SECRET_KEY).build();
        for (Bucket bucket : client.listBuckets()) {
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket.name()).recursive(true).build())) {
                client.removeObject(RemoveObjectArgs.builder().bucket(bucket.name()).object(item.get().objectName()).build());
            }
            client.removeBucket(RemoveBucketArgs.builder().bucket(bucket.name()).build());
        }
    }
}
