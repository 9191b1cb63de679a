package com.skillmirror.speech;

/** The "none" provider: no transcript, metrics from the audio only. */
public final class NoTranscriptionProvider implements TranscriptionProvider {

    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transcript transcribe(AudioClip clip, TranscriptionOptions opts) {
        return Transcript.empty(NAME);
    }

    @Override
    public boolean approximate() {
        return false;
    }
}
