package com.skillmirror.portal.upload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.tika.Tika;
import org.springframework.web.multipart.MultipartFile;

/**
 * What an uploaded part really is, read from its first bytes before it is stored: a page, a script, a picture or a
 * document declared as video/mp4 is refused. Media containers pass, and so do bytes nothing recognises: FFmpeg,
 * which reads far more formats than any magic-number table, judges those in the decode stage and explains a
 * failure there.
 */
final class UploadContent {

    private static final Tika TIKA = new Tika();
    private static final Set<String> MEDIA_APPLICATION_TYPES = Set.of("application/mp4", "application/octet-stream",
            "application/ogg", "application/x-matroska", "application/mxf");

    private UploadContent() {
    }

    /** The detected type when it is clearly not audio or video, else null. */
    static String notMedia(MultipartFile file) throws IOException {
        String detected;
        try (InputStream in = new BufferedInputStream(file.getInputStream())) {
            detected = TIKA.detect(in); // bytes only: a name could claim anything
        }
        String base = detected.toLowerCase(java.util.Locale.ROOT);
        boolean media = base.startsWith("video/") || base.startsWith("audio/") || MEDIA_APPLICATION_TYPES.contains(base);
        return media ? null : base;
    }
}
