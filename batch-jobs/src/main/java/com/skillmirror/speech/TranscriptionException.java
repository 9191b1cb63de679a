package com.skillmirror.speech;

/** Transcription failed; the message says why and what to do (never contains the API key). */
public class TranscriptionException extends SpeechException {

    public TranscriptionException(String message) {
        super(message);
    }

    public TranscriptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
