/**
 * The decode engine: FFmpeg (through javacv) opens only accepted video containers as local files
 * ({@link com.skillmirror.decode.UploadedMedia}), probes them ({@link com.skillmirror.decode.MediaProbe}), writes the
 * upright constant-frame-rate analysis proxy ({@link com.skillmirror.decode.ProxyTranscoder}) and the 16 kHz mono
 * audio ({@link com.skillmirror.decode.AudioExtractor}); {@code step/} runs it as the job's decode stage.
 */
package com.skillmirror.decode;
