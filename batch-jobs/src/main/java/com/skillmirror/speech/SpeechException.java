package com.skillmirror.speech;

/** A speech-engine failure with a message meant for the user (what went wrong and what to do). */
public class SpeechException extends RuntimeException {

    public SpeechException(String message) {
        super(message);
    }

    public SpeechException(String message, Throwable cause) {
        super(message, cause);
    }
}
