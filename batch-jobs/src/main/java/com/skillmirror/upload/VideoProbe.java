package com.skillmirror.upload;

/** What FFmpeg found in an uploaded video: container, codecs, size, rotation, duration, frame rate, audio. */
public record VideoProbe(String container, String videoCodec, String audioCodec, int width, int height,
                         int rotation, long durationMs, double frameRate, boolean hasAudio, int audioSampleRate,
                         int audioChannels) {

    /** Width and height as displayed, after the rotation metadata is applied. */
    public int displayWidth() {
        return rotation % 180 == 0 ? width : height;
    }

    public int displayHeight() {
        return rotation % 180 == 0 ? height : width;
    }
}
