package com.skillmirror.decode;

/** The file itself cannot be analysed (not the system's fault); the message is for the coach and says what to do. */
public class UnusableMediaException extends Exception {

    public UnusableMediaException(String message) {
        super(message);
    }

    public UnusableMediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
