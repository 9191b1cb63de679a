package com.skillmirror.analysis;

import org.springframework.context.ApplicationEventPublisher;

/**
 * In-process progress: a Spring application event that the CLI and the portal listen to, with its estimates
 * ({@link ProgressEta}, which also drops events beyond four a second per video).
 */
public class LocalProgressPublisher implements ProgressPublisher {

    private final ApplicationEventPublisher events;
    private final ProgressEta eta;

    public LocalProgressPublisher(ApplicationEventPublisher events, ProgressEta eta) {
        this.events = events;
        this.eta = eta;
    }

    @Override
    public void publish(ProgressEvent event) {
        ProgressEvent estimated = eta.apply(event);
        if (estimated != null) {
            events.publishEvent(estimated);
        }
    }
}
