package com.skillmirror.upload;

public enum VideoStatus {
    PENDING, PROCESSING, COMPLETED, FAILED
}
