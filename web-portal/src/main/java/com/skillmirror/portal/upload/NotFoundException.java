package com.skillmirror.portal.upload;

class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
        super(message);
    }
}
