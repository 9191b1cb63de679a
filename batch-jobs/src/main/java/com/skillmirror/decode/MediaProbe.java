package com.skillmirror.decode;

import com.skillmirror.upload.VideoProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;

/**
 * Opens an uploaded file with FFmpeg (as a local file, accepted video containers only: see {@link UploadedMedia}) and
 * says what it is, or why it cannot be analysed.
 */
public final class MediaProbe {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
    }

    private MediaProbe() {
    }

    public static VideoProbe probe(Path file) throws UnusableMediaException {
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            throw new UnusableMediaException("The file could not be read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new UnusableMediaException("The file is empty (0 bytes). Upload the video again; if it was copied"
                    + " from a phone, check that the copy finished.");
        }
        try {
            UploadedMedia.refuseUnaccepted(file);
        } catch (java.io.IOException e) {
            throw new UnusableMediaException("The file could not be read: " + e.getMessage(), e);
        }
        try (FFmpegFrameGrabber grabber = UploadedMedia.open(file)) {
            try {
                grabber.start();
            } catch (FFmpegFrameGrabber.Exception e) {
                throw new UnusableMediaException("Not a readable video: FFmpeg could not open it (the file is damaged,"
                        + " truncated, or not a video). Re-export it as MP4 (H.264) and upload it again.", e);
            }
            String format = String.valueOf(grabber.getFormat());
            UploadedMedia.requireAccepted(format);
            if (!grabber.hasVideo() || grabber.getImageWidth() <= 0) {
                if (grabber.hasAudio()) {
                    throw UploadedMedia.audioOnly();
                }
                throw new UnusableMediaException(
                        "This file has no video track. Upload a video recording (MP4, MOV, AVI, MKV, WebM).");
            }
            int rotation = normaliseRotation(grabber.getDisplayRotation());
            long durationMs = Math.max(0, grabber.getLengthInTime() / 1000);
            double fps = grabber.getFrameRate();
            return new VideoProbe(format, grabber.getVideoCodecName(), grabber.hasAudio() ? grabber.getAudioCodecName() : null,
                    grabber.getImageWidth(), grabber.getImageHeight(), rotation, durationMs,
                    Double.isFinite(fps) && fps > 0 ? fps : 0, grabber.hasAudio(),
                    grabber.hasAudio() ? grabber.getSampleRate() : 0, grabber.hasAudio() ? grabber.getAudioChannels() : 0);
        } catch (UnusableMediaException e) {
            throw e;
        } catch (Exception e) {
            throw new UnusableMediaException("Not a readable video: " + e.getMessage()
                    + ". Re-export it as MP4 (H.264) and upload it again.", e);
        }
    }

    /** FFmpeg reports the display matrix angle counter-clockwise and sometimes negative; we use clockwise 0/90/180/270. */
    static int normaliseRotation(double displayRotation) {
        if (!Double.isFinite(displayRotation)) {
            return 0;
        }
        int cw = (int) Math.round(-displayRotation);
        cw = ((cw % 360) + 360) % 360;
        return (int) (Math.round(cw / 90.0) * 90) % 360;
    }
}
