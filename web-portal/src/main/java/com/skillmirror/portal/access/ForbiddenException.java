package com.skillmirror.portal.access;

/** 403: the actor may see the resource but their role may not do this to it. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
