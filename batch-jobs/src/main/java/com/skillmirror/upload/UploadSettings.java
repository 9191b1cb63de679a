package com.skillmirror.upload;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.upload.*: what one upload may hold, wherever it comes from (the portal, the CLI, the expert ingest).
 *
 * @param maxFileSize largest file an upload may hold; a larger one is refused before anything is stored
 * @param maxFiles most files in one upload (at most 100000, so the portal's multipart part cap, three parts per
 *                 file, stays well inside an int)
 */
@ConfigurationProperties("skillmirror.upload")
@Validated
public record UploadSettings(@DefaultValue("4GB") @NotNull DataSize maxFileSize,
                             @DefaultValue("500") @Positive @Max(100_000) int maxFiles) {

    public UploadSettings {
        // DataSize has no Bean Validation constraint; zero or less would refuse every file with a puzzling message
        if (maxFileSize != null && maxFileSize.toBytes() <= 0) {
            throw new IllegalArgumentException("skillmirror.upload.max-file-size must be positive, got " + maxFileSize);
        }
    }
}
