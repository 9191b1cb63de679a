package com.skillmirror.speech;

/** Turns speech into words with times. Implementations: openai, vosk, pocketsphinx, none (see {@link TranscriptionProviders}). */
public interface TranscriptionProvider {

    /** The name used in configuration and in results: "openai", "vosk", "pocketsphinx", "none". */
    String name();

    /**
     * @throws TranscriptionException with a user-facing message when the provider cannot transcribe
     */
    Transcript transcribe(AudioClip clip, TranscriptionOptions opts);

    /** True when the transcripts are rough (offline recogniser): the result is flagged so the UI says so. */
    boolean approximate();
}
