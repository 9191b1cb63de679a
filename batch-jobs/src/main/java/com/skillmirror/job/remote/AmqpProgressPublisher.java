package com.skillmirror.job.remote;

import com.skillmirror.analysis.ProgressEvent;
import com.skillmirror.analysis.ProgressPublisher;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;

/**
 * Progress from a remote worker, to the progress exchange. While RabbitMQ cannot take them, events are queued in
 * order (a bounded buffer) and sent once it answers again, by a thread of their own, so the partition is never
 * failed or held up by its progress: when the buffer is full, the oldest event that a newer one of the same video
 * and step supersedes is coalesced away (a start, an end or an error is kept before any progress line).
 */
class AmqpProgressPublisher implements ProgressPublisher, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AmqpProgressPublisher.class);

    private final RabbitTemplate rabbit;
    private final String exchange;
    private final int capacity;
    private final Deque<ProgressEvent> queued = new ArrayDeque<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress-resend");
        t.setDaemon(true);
        return t;
    });
    private long coalesced;

    AmqpProgressPublisher(RabbitTemplate rabbit, String exchange, int capacity) {
        this.rabbit = rabbit;
        this.exchange = exchange;
        this.capacity = capacity;
        sender.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void publish(ProgressEvent event) {
        synchronized (queued) {
            if (!queued.isEmpty()) {
                enqueue(event); // behind the ones waiting, so the watchers see them in order
                return;
            }
        }
        if (!send(event)) {
            synchronized (queued) {
                enqueue(event);
            }
        }
    }

    /** Sends what waits, oldest first, until the broker refuses one again. */
    void drain() {
        while (true) {
            ProgressEvent next;
            synchronized (queued) {
                next = queued.peekFirst();
            }
            if (next == null || !send(next)) {
                return;
            }
            synchronized (queued) {
                queued.remove(next);
                if (queued.isEmpty()) {
                    log.info("Progress events queued while the broker was away are sent ({} coalesced)", coalesced);
                    coalesced = 0;
                }
            }
        }
    }

    int waiting() {
        synchronized (queued) {
            return queued.size();
        }
    }

    private boolean send(ProgressEvent event) {
        try {
            rabbit.convertAndSend(exchange, "", event);
            return true;
        } catch (AmqpException e) {
            log.debug("Progress event not sent now ({}), queued", e.getMessage());
            return false;
        }
    }

    private void enqueue(ProgressEvent event) {
        if (queued.isEmpty()) {
            log.warn("Progress events are queued until the broker answers again (at most {})", capacity);
        }
        if (queued.size() >= capacity && !coalesceOldest()) {
            queued.pollFirst();
            coalesced++;
        }
        queued.addLast(event);
    }

    /** Removes the oldest progress event that a later queued event of the same video and step supersedes. */
    private boolean coalesceOldest() {
        for (Iterator<ProgressEvent> it = queued.iterator(); it.hasNext(); ) {
            ProgressEvent old = it.next();
            if (!ProgressEvent.PROGRESS.equals(old.type())) {
                continue;
            }
            boolean superseded = queued.stream().anyMatch(newer -> newer != old
                    && ProgressEvent.PROGRESS.equals(newer.type()) && Objects.equals(newer.videoId(), old.videoId())
                    && Objects.equals(newer.stage(), old.stage()) && Objects.equals(newer.step(), old.step())
                    && newer.timestampMs() >= old.timestampMs());
            if (superseded) {
                it.remove();
                coalesced++;
                return true;
            }
        }
        for (Iterator<ProgressEvent> it = queued.iterator(); it.hasNext(); ) {
            if (ProgressEvent.PROGRESS.equals(it.next().type())) {
                it.remove();
                coalesced++;
                return true;
            }
        }
        return false;
    }

    /** One last try for what waits, then the thread ends. */
    @Override
    public void destroy() {
        sender.shutdownNow();
        drain();
        int left = waiting();
        if (left > 0) {
            log.warn("{} progress events could not be sent before shutdown", left);
        }
    }
}
