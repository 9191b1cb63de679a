package com.skillmirror.storage;

import java.text.Normalizer;
import java.util.UUID;

/** The one place storage keys are built. User-supplied names only ever reach a key through {@link #safeFileName}. */
public final class StorageKeys {

    private StorageKeys() {
    }

    public static String videoPrefix(UUID uploadId, UUID videoId) {
        return "uploads/" + uploadId + "/videos/" + videoId + "/";
    }

    public static String original(UUID uploadId, UUID videoId, String originalName) {
        return videoPrefix(uploadId, videoId) + "original/" + safeFileName(originalName);
    }

    public static String output(UUID uploadId, UUID videoId, String name) {
        return videoPrefix(uploadId, videoId) + name;
    }

    /**
     * A name safe on every file system and in every URL: no directories, no dot-files, no shell or control
     * characters, bounded length. Unicode letters are kept (normalised), so "Zoë's squat.mp4" stays readable.
     */
    public static String safeFileName(String name) {
        String base = name == null ? "" : name;
        base = base.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = Normalizer.normalize(base, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder();
        base.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || cp == '.' || cp == '-' || cp == '_') {
                out.appendCodePoint(cp);
            } else {
                out.append('_');
            }
        });
        String safe = out.toString().replaceAll("\\.{2,}", ".").replaceAll("^[._]+", "");
        if (safe.length() > 120) {
            int dot = safe.lastIndexOf('.');
            String ext = dot > 0 && safe.length() - dot <= 10 ? safe.substring(dot) : "";
            safe = safe.substring(0, 120 - ext.length()) + ext;
        }
        return safe.isEmpty() ? "video" : safe;
    }
}
