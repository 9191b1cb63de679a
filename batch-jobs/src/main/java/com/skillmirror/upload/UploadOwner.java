package com.skillmirror.upload;

import java.util.UUID;

/**
 * Who an upload belongs to, known before anything is stored: its team (whose members see it and whose roster its
 * athletes come from) and the account that made it. Both are absent for the CLI and expert ingest.
 */
public record UploadOwner(UUID teamId, UUID createdBy) {

    public static final UploadOwner NONE = new UploadOwner(null, null);
}
