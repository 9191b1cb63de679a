package com.skillmirror.job.ingest;

import com.skillmirror.storage.LocalDiskStorage;
import com.skillmirror.storage.ObjectStorage;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Where expert drops are picked up: a folder (skillmirror.ingest.folder) or, by default, a prefix of the
 * application's storage (skillmirror.ingest.prefix, "experts/inbox/"), so S3 deployments drop into the bucket.
 */
@Component
public class IngestSource {

    private final ObjectStorage storage;
    private final String prefix;

    public IngestSource(ObjectStorage storage, IngestSettings settings) throws IOException {
        String folder = settings.folder() == null ? "" : settings.folder();
        String prefix = settings.prefix();
        this.storage = folder.isBlank() ? storage : new LocalDiskStorage(Path.of(folder));
        this.prefix = folder.isBlank() ? (prefix.endsWith("/") ? prefix : prefix + "/") : "";
    }

    public ObjectStorage storage() {
        return storage;
    }

    public String prefix() {
        return prefix;
    }
}
