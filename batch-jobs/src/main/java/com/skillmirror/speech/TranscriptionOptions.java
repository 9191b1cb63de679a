package com.skillmirror.speech;

/**
 * Per-call transcription settings.
 *
 * @param language ISO-639-1 code (e.g. "en"), or null to let the provider detect it
 * @param prompt   a hint for the recogniser; null uses the provider's default (one that keeps filler words)
 */
public record TranscriptionOptions(String language, String prompt) {

    public static TranscriptionOptions defaults() {
        return new TranscriptionOptions("en", null);
    }
}
