package com.skillmirror.testsupport;

import com.skillmirror.analysis.ProgressEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

/** Every progress event a job publishes in the test's context, once each, as the CLI and the portal receive them. */
@TestConfiguration
public class RecordedProgress {

    private final List<ProgressEvent> received = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ProgressEvent event) {
        received.add(event);
    }

    public List<ProgressEvent> received() {
        return received;
    }
}
