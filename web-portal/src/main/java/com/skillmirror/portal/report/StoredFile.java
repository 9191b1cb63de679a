package com.skillmirror.portal.report;

import com.skillmirror.storage.ObjectStorage;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;

/**
 * A stored object as a resource that can be opened more than once and knows its length, so Spring MVC answers
 * Range requests with 206 (a browser seeks in the overlay video) instead of sending the whole file every time.
 */
final class StoredFile extends AbstractResource {

    private final ObjectStorage storage;
    private final String key;
    private final long size;

    StoredFile(ObjectStorage storage, String key) throws IOException {
        this.storage = storage;
        this.key = key;
        this.size = storage.size(key);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return storage.get(key);
    }

    @Override
    public long contentLength() {
        return size;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public String getDescription() {
        return "stored object " + key;
    }
}
