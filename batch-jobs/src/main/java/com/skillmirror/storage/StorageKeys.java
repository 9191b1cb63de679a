package com.skillmirror.storage;

import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;

/**
 * The one place storage keys are built. User-supplied names only ever reach a key through {@link #safeFileName};
 * the stages' outputs are named by {@link Artifact} and {@link UploadArtifact}.
 */
public final class StorageKeys {

    private static final String UPLOADS = "uploads/";
    private static final String PATTERNS = "patterns/";
    private static final String POSE_CHUNKS = "pose/chunks/";
    private static final String POSE_APPEARANCES = "pose/appearances/";
    private static final String SPEECH_WINDOWS = "speech/windows/";
    private static final String COACH_NOTES = "notes/";

    private StorageKeys() {
    }

    /** Everything stored for one upload (its videos and the team report) is under this prefix. */
    public static String uploadPrefix(UUID uploadId) {
        return UPLOADS + uploadId + "/";
    }

    public static String videoPrefix(UUID uploadId, UUID videoId) {
        return uploadPrefix(uploadId) + "videos/" + videoId + "/";
    }

    /** Where a stage stores one of a video's artifacts. */
    public static String artifact(UUID uploadId, UUID videoId, Artifact artifact) {
        return videoPrefix(uploadId, videoId) + artifact.fileName();
    }

    /** Where an upload's own files (the team report) are stored, beside its videos. */
    public static String uploadArtifact(UUID uploadId, UploadArtifact artifact) {
        return uploadPrefix(uploadId) + artifact.fileName();
    }

    public static String original(UUID uploadId, UUID videoId, String originalName) {
        return videoPrefix(uploadId, videoId) + "original/" + safeFileName(originalName);
    }

    /** Any other object under a video's prefix; artifacts and the stages' working objects have their own builders. */
    public static String output(UUID uploadId, UUID videoId, String name) {
        return videoPrefix(uploadId, videoId) + name;
    }

    /** The prefix of a video's landmark chunks, which the pose summary lists and joins. */
    public static String poseChunks(UUID uploadId, UUID videoId) {
        return videoPrefix(uploadId, videoId) + POSE_CHUNKS;
    }

    /** One chunk, named by its first frame (zero-padded, so a listing is in frame order). */
    public static String poseChunk(UUID uploadId, UUID videoId, int firstFrame) {
        return poseChunks(uploadId, videoId) + String.format(Locale.ROOT, "%08d.bin", firstFrame);
    }

    /** The prefix of a video's appearance tables (people's clothes colours per frame, for re-identification). */
    public static String poseAppearances(UUID uploadId, UUID videoId) {
        return videoPrefix(uploadId, videoId) + POSE_APPEARANCES;
    }

    /** The appearance table of the landmark chunk that starts at this frame. */
    public static String poseAppearance(UUID uploadId, UUID videoId, int firstFrame) {
        return poseAppearances(uploadId, videoId) + String.format(Locale.ROOT, "%08d.bin", firstFrame);
    }

    /** The prefix of a video's transcribed audio windows, which the speech summary lists and joins. */
    public static String speechWindows(UUID uploadId, UUID videoId) {
        return videoPrefix(uploadId, videoId) + SPEECH_WINDOWS;
    }

    /** One window's transcript, named by its index (zero-padded, so a listing is in time order). */
    public static String speechWindow(UUID uploadId, UUID videoId, int index) {
        return speechWindows(uploadId, videoId) + String.format(Locale.ROOT, "%04d.json", index);
    }

    /**
     * A coach's note's annotated frame (the proxy frame at the note's time with the drawing burned in). Under the
     * video's prefix, so the athlete's export carries it and erasing the video's objects erases it.
     */
    public static String coachNoteFrame(UUID uploadId, UUID videoId, UUID noteId) {
        return videoPrefix(uploadId, videoId) + COACH_NOTES + noteId + ".jpg";
    }

    /** An expert pattern, by skill and content hash: saving the same content again finds the same object. */
    public static String pattern(String skillId, String contentHash) {
        return PATTERNS + skillId + "/" + contentHash + ".json";
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
        // bounded in UTF-8 bytes, whole code points only: 120 letters of "é" or "日" were 240 or 360 bytes, past the
        // 255 a file system allows in a name once local storage adds its temporary-file suffix
        if (utf8Length(safe) > MAX_NAME_BYTES) {
            int dot = safe.lastIndexOf('.');
            String ext = dot > 0 && safe.length() - dot <= 10 ? safe.substring(dot) : "";
            safe = utf8Prefix(safe.substring(0, safe.length() - ext.length()), MAX_NAME_BYTES - utf8Length(ext)) + ext;
        }
        return safe.isEmpty() ? "video" : safe;
    }

    private static final int MAX_NAME_BYTES = 120;

    private static int utf8Length(String s) {
        return s.codePoints().map(StorageKeys::utf8Length).sum();
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    private static String utf8Prefix(String s, int maxBytes) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            int cp = s.codePointAt(i);
            bytes += utf8Length(cp);
            if (bytes > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }
}
