package com.skillmirror.upload;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One upload in a list: when it came, how far its analysis is, how many videos it holds. */
public record UploadSummary(UUID id, String status, OffsetDateTime createdAt, long videos) {
}
