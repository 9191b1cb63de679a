package com.skillmirror.analysis;

/** Where stages report progress: Spring events in-process, a RabbitMQ exchange from remote workers. */
public interface ProgressPublisher {

    void publish(ProgressEvent event);
}
