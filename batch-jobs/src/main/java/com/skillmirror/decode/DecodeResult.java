package com.skillmirror.decode;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResult;
import java.util.List;

/**
 * What the decode stage found in the uploaded file and made of it (stage_result decode).
 *
 * @param sourceFps    the file's frame rate, rounded to 3 decimals
 * @param hasAudio     an audio track that decoded to samples (speech analysis runs on it)
 * @param audioSeconds length of the extracted audio
 * @param proxy        the analysis proxy the pose stage reads
 * @param warnings     what a user should know about the file (variable frame rate, truncated, unreadable audio)
 */
public record DecodeResult(String container, String videoCodec, String audioCodec, int width, int height, int rotation,
        long durationMs, double sourceFps, boolean variableFrameRate, boolean hasAudio, double audioSeconds,
        Proxy proxy, List<String> warnings) {

    public static final StageResult<DecodeResult> STAGE_RESULT = new StageResult<>(Stage.DECODE, DecodeResult.class, 1);

    /**
     * The upright, constant-frame-rate analysis proxy: size, frame rate (3 decimals), frame count, and the time in it
     * of the thumbnail's frame (where the coach's athlete point was placed; null for videos decoded before it was
     * recorded).
     */
    public record Proxy(int width, int height, double fps, int frames,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long thumbnailMs) {

        public Proxy(int width, int height, double fps, int frames) {
            this(width, height, fps, frames, null);
        }
    }
}
