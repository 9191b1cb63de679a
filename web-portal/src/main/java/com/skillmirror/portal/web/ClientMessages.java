package com.skillmirror.portal.web;

/**
 * What a client may read of an exception. Our own code throws IllegalArgumentException with a sentence written for
 * the user; one thrown inside a library (UUID.fromString's "Invalid UUID string: ...", a parser's internals) says
 * nothing useful and may echo internals, so the client gets a plain request to check its input instead.
 */
public final class ClientMessages {

    static final String GENERIC = "A value in the request is not valid (an id, a number or a choice). Check it and try again.";

    private ClientMessages() {
    }

    public static String of(IllegalArgumentException e) {
        StackTraceElement[] trace = e.getStackTrace();
        boolean ours = trace.length > 0 && trace[0].getClassName().startsWith("com.skillmirror.");
        return ours && e.getMessage() != null ? e.getMessage() : GENERIC;
    }
}
