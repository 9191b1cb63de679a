package com.skillmirror.analysis;

import java.util.Objects;

/**
 * The typed key to one stage's result: which stage writes it, as which type, in which version of the type's stored
 * shape ({@link ResultCodec}). Declared beside the result type by the stage that writes it, so a later stage reads
 * exactly the type the earlier one wrote and the compiler checks the hand-off.
 */
public record StageResult<T>(Stage stage, Class<T> type, int version) {

    public StageResult {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(type, "type");
        if (version < 1) {
            throw new IllegalArgumentException("Versions start at 1, got " + version);
        }
    }
}
