package com.skillmirror.speech;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.skillmirror.analysis.Stage;
import com.skillmirror.analysis.StageResult;
import java.util.List;

/**
 * Everything the speech engine found for one recording; serializes to JSON with Jackson as is. Also the speech
 * stage's result (stage_result speech).
 *
 * @param provider           transcription provider used ("openai", "vosk", "pocketsphinx", "none")
 * @param approximate        true when the transcript is from an approximate (offline) recogniser
 * @param noSpeechDetected   silence, noise, music or other non-speech: metrics are empty, no transcript
 * @param transcript         null when there is none (provider none, no speech, or transcription failed)
 * @param transcriptStats    words-based pace, fillers, repeats, per-sentence pace; null without transcript words
 * @param transcriptionError the provider's error message when transcription failed (metrics are still given)
 * @param feedbackSource     "rules" or "llm" (rule findings rewritten by a chat model)
 * @param transcriptConfidence how far the transcript can be trusted; null when unknown (no transcript, a provider
 *                           without word confidences, or a result stored before confidences existed)
 */
public record SpeechResult(
        String provider,
        boolean approximate,
        boolean noSpeechDetected,
        String noSpeechReason,
        double durationSec,
        SpeechMetrics metrics,
        Transcript transcript,
        TranscriptStats transcriptStats,
        String transcriptionError,
        List<Finding> findings,
        String feedbackSource,
        @JsonInclude(JsonInclude.Include.NON_NULL) TranscriptConfidence transcriptConfidence) {

    /** A result without a transcript confidence (unknown). */
    public SpeechResult(String provider, boolean approximate, boolean noSpeechDetected, String noSpeechReason,
            double durationSec, SpeechMetrics metrics, Transcript transcript, TranscriptStats transcriptStats,
            String transcriptionError, List<Finding> findings, String feedbackSource) {
        this(provider, approximate, noSpeechDetected, noSpeechReason, durationSec, metrics, transcript,
                transcriptStats, transcriptionError, findings, feedbackSource, null);
    }

    public static final StageResult<SpeechResult> STAGE_RESULT = new StageResult<>(Stage.SPEECH, SpeechResult.class, 1);
}
