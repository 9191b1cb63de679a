package com.skillmirror.portal.access;

/** 404: also what another team's resource looks like, so ids of other teams' data do not leak their existence. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
