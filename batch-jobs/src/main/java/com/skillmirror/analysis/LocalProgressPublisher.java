package com.skillmirror.analysis;

import org.springframework.context.ApplicationEventPublisher;

/** In-process progress: a Spring application event that the CLI and the portal listen to. */
public class LocalProgressPublisher implements ProgressPublisher {

    private final ApplicationEventPublisher events;

    public LocalProgressPublisher(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void publish(ProgressEvent event) {
        events.publishEvent(event);
    }
}
