package com.skillmirror.upload;

/** The upload as a whole was refused before anything was stored. */
public class UploadRejectedException extends RuntimeException {

    public UploadRejectedException(String message) {
        super(message);
    }
}
