package com.skillmirror.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * How FFmpeg may open an uploaded file: as a local file only, and only with the demuxers of the video containers
 * we accept. By default FFmpeg follows whatever a file says: an HLS playlist or an ffconcat list in an upload would
 * make it open other local files or URLs. Every grabber on an upload comes from {@link #open(Path)}.
 */
final class UploadedMedia {

    /** FFmpeg demuxer names (one demuxer can carry several, e.g. "mov,mp4,m4a,3gp,3g2,mj2"). */
    static final Set<String> VIDEO_CONTAINERS = Set.of("mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm",
            "avi", "mpeg", "mpegts", "flv", "ogg", "asf");

    private static final Set<String> IMAGE_DEMUXERS = Set.of("image2", "mjpeg", "gif", "ico", "tiff", "bmp",
            "webp", "apng");
    private static final Set<String> AUDIO_DEMUXERS = Set.of("mp3", "wav", "aac", "flac", "amr", "ac3", "eac3",
            "w64", "aiff", "caf", "wv", "ape");
    /** Demuxers whose input names other inputs. */
    private static final Set<String> LIST_DEMUXERS = Set.of("hls", "applehttp", "concat", "dash", "ffmetadata",
            "mpl2", "imf", "hds");

    private static final int PROBE_BYTES = 1 << 20;

    private UploadedMedia() {
    }

    static FFmpegFrameGrabber open(Path file) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setOption("protocol_whitelist", "file");
        grabber.setOption("format_whitelist", String.join(",", VIDEO_CONTAINERS));
        return grabber;
    }

    /**
     * Names the file's format before FFmpeg opens it (FFmpeg itself only says "not on whitelist") and refuses what
     * we do not analyse with a message that says what the file is. Unknown content is left to the real open, which
     * fails as "not a readable video".
     */
    static void refuseUnaccepted(Path file) throws UnusableMediaException, IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PROBE_BYTES);
        }
        String format = detect(head);
        if (format == null) {
            if (looksLikePlaylist(head)) {
                throw playlist("a playlist");
            }
            return;
        }
        if (accepted(format)) {
            return;
        }
        if (anyOf(format, LIST_DEMUXERS) || looksLikePlaylist(head)) {
            throw playlist(format);
        }
        if (isStillImage(format)) {
            throw stillImage(format);
        }
        if (anyOf(format, AUDIO_DEMUXERS)) {
            throw audioOnly();
        }
        throw new UnusableMediaException("This file's format (" + format + ") is not a video format SkillMirror"
                + " analyses. Export the recording as MP4 (H.264), MOV, MKV, WebM or AVI and upload it again.");
    }

    /** A second line of defence after the real open: what FFmpeg chose must be one of ours. */
    static void requireAccepted(String format) throws UnusableMediaException {
        if (!accepted(format)) {
            throw new UnusableMediaException("This file's format (" + format + ") is not a video format SkillMirror"
                    + " analyses. Export the recording as MP4 (H.264), MOV, MKV, WebM or AVI and upload it again.");
        }
    }

    static boolean accepted(String format) {
        return format != null && anyOf(format, VIDEO_CONTAINERS);
    }

    static boolean isStillImage(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        return anyOf(f, IMAGE_DEMUXERS) || f.endsWith("_pipe");
    }

    static UnusableMediaException stillImage(String format) {
        return new UnusableMediaException("This is a still image (" + format + "), not a video. Upload a video"
                + " recording of the movement; single photos can be analysed with 'skillmirror pose'.");
    }

    static UnusableMediaException audioOnly() {
        return new UnusableMediaException(
                "This file has sound but no picture (audio only). Upload the video recording instead.");
    }

    private static UnusableMediaException playlist(String what) {
        return new UnusableMediaException("This is " + ("a playlist".equals(what) ? what : "a playlist (" + what + ")")
                + " that points to other files or web addresses, not a video; SkillMirror never opens what it points"
                + " to. Upload the video file itself (MP4, MOV, MKV, WebM or AVI).");
    }

    private static boolean anyOf(String format, Set<String> names) {
        return Arrays.stream(format.toLowerCase(Locale.ROOT).split(",")).map(String::strip).anyMatch(names::contains);
    }

    /** HLS without a playlist file name is not recognised by FFmpeg's probe, but it is still not a video. */
    private static boolean looksLikePlaylist(byte[] head) {
        String start = new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1)
                .replace("\uFEFF", "").stripLeading();
        return start.startsWith("#EXTM3U") || start.startsWith("ffconcat") || start.startsWith("[playlist]");
    }

    /** FFmpeg's own content probe over the first bytes (no file name, so no guess by extension). */
    private static String detect(byte[] head) {
        if (head.length == 0) {
            return null;
        }
        try (BytePointer buffer = new BytePointer(head.length + avformat.AVPROBE_PADDING_SIZE);
             AVProbeData probe = new AVProbeData();
             BytePointer noName = new BytePointer("");
             IntPointer score = new IntPointer(1)) {
            score.put(avformat.AVPROBE_SCORE_RETRY);
            buffer.fill(0);
            buffer.put(head, 0, head.length);
            probe.buf(buffer).buf_size(head.length).filename(noName).mime_type((BytePointer) null);
            // like FFmpeg's own open: a guess scoring at most AVPROBE_SCORE_RETRY is no answer (junk is not "mp3")
            AVInputFormat format = avformat.av_probe_input_format2(probe, 1, score);
            return format == null || format.isNull() ? null : format.name().getString();
        }
    }
}
