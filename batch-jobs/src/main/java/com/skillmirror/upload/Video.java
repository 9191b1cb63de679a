package com.skillmirror.upload;

import java.util.UUID;

/** One uploaded file of an upload, as stored, with the tags the coach gave it ({@code athleteId} when on a roster). */
public record Video(UUID id, UUID uploadId, int position, String originalName, String storageKey, long sizeBytes,
                    UUID athleteId, String athleteName, String skillId, VideoStatus status, String failedStage,
                    String errorMessage) {
}
