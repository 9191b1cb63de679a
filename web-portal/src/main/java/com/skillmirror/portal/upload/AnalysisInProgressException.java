package com.skillmirror.portal.upload;

/** A change that needs the video's analysis to have finished first (HTTP 409). */
class AnalysisInProgressException extends RuntimeException {

    AnalysisInProgressException(String message) {
        super(message);
    }
}
