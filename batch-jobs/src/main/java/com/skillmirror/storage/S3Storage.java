package com.skillmirror.storage;

import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.ServerSideEncryptionS3;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * S3-compatible storage (MinIO, AWS S3, ...) through the MinIO Java client. With server-side encryption on, every
 * object is written with SSE-S3 (the server encrypts it at rest with its own key; MinIO needs a KMS key for that, see
 * docker-compose.yml), and a server that cannot do it refuses the write instead of storing the video in the clear.
 */
public final class S3Storage implements ObjectStorage {

    /** Parts of a multipart upload when the size is unknown; bounds memory per upload. */
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final String bucket;
    private final boolean serverSideEncryption;

    public S3Storage(MinioClient client, String bucket, boolean serverSideEncryption) {
        this.client = client;
        this.bucket = bucket;
        this.serverSideEncryption = serverSideEncryption;
    }

    /** Creates the bucket if it does not exist yet. */
    @Override
    public void checkReachable() throws IOException {
        boolean exists = call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()),
                "check bucket " + bucket);
        if (!exists) {
            throw new IOException("The storage bucket does not exist: " + bucket);
        }
    }

    public S3Storage ensureBucket() throws IOException {
        return call(() -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return this;
        }, "create bucket " + bucket);
    }

    @Override
    public void put(String key, InputStream content, long size, String contentType) throws IOException {
        PutObjectArgs.Builder args = PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(content, size, size >= 0 ? -1 : PART_SIZE)
                .contentType(contentType == null ? "application/octet-stream" : contentType);
        if (serverSideEncryption) {
            args.sse(new ServerSideEncryptionS3());
        }
        call(() -> client.putObject(args.build()), "put " + key);
    }

    @Override
    public InputStream get(String key) throws IOException {
        return call(() -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()), "get " + key);
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        ObjectStorage.checkRange(offset, length);
        if (length == 0) {
            size(key); // a missing object is still NoSuchFile, as for any other read
            return InputStream.nullInputStream();
        }
        long count = Math.min(length, Long.MAX_VALUE - offset);
        return call(() -> {
            try {
                return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).offset(offset).length(count)
                        .build());
            } catch (ErrorResponseException e) {
                // a range that starts at or after the end: nothing to read, as on local disk
                if ("InvalidRange".equals(e.errorResponse().code())) {
                    return InputStream.nullInputStream();
                }
                throw e;
            }
        }, "get " + key + " from byte " + offset);
    }

    @Override
    public void download(String key, Path target) throws IOException {
        Files.deleteIfExists(target);
        call(() -> {
            client.downloadObject(DownloadObjectArgs.builder().bucket(bucket).object(key)
                    .filename(target.toString()).build());
            return null;
        }, "download " + key);
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            size(key);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public long size(String key) throws IOException {
        return call(() -> client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size(),
                "stat " + key);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return call(() -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> item : client.listObjects(
                    ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(item.get().objectName());
            }
            keys.sort(null);
            return keys;
        }, "list " + prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        }, "delete " + key);
    }

    private interface S3Call<T> {
        T run() throws Exception;
    }

    private <T> T call(S3Call<T> action, String what) throws IOException {
        try {
            return action.run();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code)) {
                throw new NoSuchFileException("No stored object in bucket " + bucket + ": " + what);
            }
            if (serverSideEncryption && "NotImplemented".equals(code)) {
                throw new IOException("S3 " + what + " refused: the server cannot encrypt objects at rest (" + e.getMessage()
                        + "). Give it a KMS key (MinIO: MINIO_KMS_SECRET_KEY) or, for a server that encrypts its disks"
                        + " itself, set skillmirror.storage.s3.server-side-encryption=false.", e);
            }
            throw new IOException("S3 " + what + " failed in bucket " + bucket + ": " + code + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("S3 " + what + " failed in bucket " + bucket + ": " + e.getMessage(), e);
        }
    }
}
