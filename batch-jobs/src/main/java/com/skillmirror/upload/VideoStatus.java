package com.skillmirror.upload;

public enum VideoStatus {
    PENDING, PROCESSING, COMPLETED, FAILED,
    /** Its job stopped before its results were stored; a resume of the upload's job continues it. */
    INTERRUPTED
}
