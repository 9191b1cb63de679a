package com.skillmirror.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The object storage in the readiness group ({@code storage}): the local folder writable, or the S3 bucket reachable.
 * No detail is added (the bucket or the folder would tell an anonymous caller about the deployment); a failure's
 * exception is logged by the health endpoint, and the details of the health endpoint are off anyway.
 */
@Component
class StorageHealthIndicator extends AbstractHealthIndicator {

    private final ObjectStorage storage;

    StorageHealthIndicator(ObjectStorage storage) {
        super("Object storage health check failed");
        this.storage = storage;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        storage.checkReachable();
        builder.up();
    }
}
