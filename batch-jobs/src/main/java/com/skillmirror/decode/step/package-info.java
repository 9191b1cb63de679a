/**
 * Stage 1, decode.
 * <p>Reads: the uploaded original ({@code video.storage_key}).
 * <p>Writes: the analysis proxy ({@code proxy.mp4}: H.264, upright, at most 720p, constant frame rate), 16 kHz mono
 * PCM audio ({@code audio.wav}, when the file has an audio track), a thumbnail ({@code thumbnail.jpg}); the probe
 * (container, codecs, size, rotation, duration, frame rate, variable frame rate, audio) in {@code video} and
 * {@code stage_result} decode ({@link com.skillmirror.decode.DecodeResult}). A file that cannot be analysed fails only its own video, with a message saying what to do.
 */
package com.skillmirror.decode.step;
