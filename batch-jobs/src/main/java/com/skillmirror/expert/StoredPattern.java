package com.skillmirror.expert;

import java.util.UUID;

/** A pattern as stored: its row id, version per skill and expert, and the pattern itself. */
public record StoredPattern(UUID id, UUID expertId, int version, ExpertPattern pattern) {
}
