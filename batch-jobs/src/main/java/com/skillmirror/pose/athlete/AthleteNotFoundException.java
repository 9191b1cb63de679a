package com.skillmirror.pose.athlete;

/** The coach's point is on nobody; the message names the nearest people and what to do. */
public class AthleteNotFoundException extends RuntimeException {

    public AthleteNotFoundException(String message) {
        super(message);
    }
}
