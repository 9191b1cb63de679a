package com.skillmirror.portal.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox's due deliveries: polls every poll-interval, claims at most as many as it has free senders
 * (skillmirror.webhooks.concurrency), POSTs each payload signed ({@code X-SkillMirror-Signature: t=...,v1=...},
 * HMAC-SHA256 of {@code t + "." + body} under the webhook's secret) with {@code X-SkillMirror-Event} and
 * {@code X-SkillMirror-Delivery}, under connect and answer time limits, never following redirects, to an address
 * checked again just before (see {@link WebhookUrls}). A 2xx is delivered; anything else is retried with
 * exponential backoff up to max-attempts. Only the first 200 characters of an answer are kept; the secret and the
 * URL are never logged (the log names the delivery).
 */
@Component
@ConditionalOnProperty(name = "skillmirror.webhooks.enabled", havingValue = "true", matchIfMissing = true)
class WebhookSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookDeliveries deliveries;
    private final WebhookSecrets secrets;
    private final WebhookSettings settings;
    private final HttpClient http;
    private final Semaphore free;
    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private volatile boolean running;

    WebhookSender(WebhookDeliveries deliveries, WebhookSecrets secrets, WebhookSettings settings) {
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.settings = settings;
        this.free = new Semaphore(settings.concurrency());
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public synchronized void start() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        senders = Executors.newFixedThreadPool(settings.concurrency(), r -> daemon(r, "webhook-send-" + n.incrementAndGet()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-poll"));
        poller.scheduleWithFixedDelay(this::pollQuietly, settings.pollInterval().toMillis(),
                settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
            senders.shutdown();
            try {
                // a send cut short here is retried once its lease ends
                senders.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            senders.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // the database away for a while: the next poll tries again
            log.warn("Webhook outbox poll failed: {}", e.toString());
        }
    }

    void poll() {
        deliveries.fanOut();
        int permits = free.drainPermits();
        if (permits == 0) {
            return;
        }
        List<WebhookDeliveries.Due> due;
        try {
            due = deliveries.claim(permits, settings.connectTimeout().plus(settings.timeout()).plusSeconds(30));
        } catch (RuntimeException e) {
            free.release(permits);
            throw e;
        }
        free.release(permits - due.size());
        for (WebhookDeliveries.Due d : due) {
            senders.execute(() -> {
                try {
                    send(d);
                } catch (RuntimeException e) {
                    log.warn("Webhook delivery {} could not be recorded: {}", d.id(), e.toString());
                } finally {
                    free.release();
                }
            });
        }
    }

    private void send(WebhookDeliveries.Due due) {
        int attempt = due.attempts() + 1;
        Duration retry = settings.backoff(attempt);
        String secret;
        try {
            secret = secrets.decrypt(due.secretEncrypted());
        } catch (GeneralSecurityException e) {
            deliveries.record(due, null, "The webhook's secret cannot be read (was the portal's token key replaced?);"
                    + " register the webhook again.", null, false, settings.maxAttempts(), retry);
            return;
        }
        URI uri;
        try {
            uri = WebhookUrls.parse(due.url());
            WebhookUrls.requirePublic(uri, settings.allowPrivateTargets());
        } catch (WebhookUrls.RefusedUrl e) {
            deliveries.record(due, null, "Refused: " + e.getMessage(), null, false, settings.maxAttempts(), retry);
            return;
        }
        byte[] body = due.payload().getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "SkillMirror-Webhooks/1")
                .header("X-SkillMirror-Event", due.event())
                .header("X-SkillMirror-Delivery", due.id().toString())
                .header("X-SkillMirror-Signature", WebhookSecrets.signature(secret, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String start;
            try (InputStream in = response.body()) {
                start = new String(in.readNBytes(200), StandardCharsets.UTF_8);
            }
            int code = response.statusCode();
            boolean ok = code >= 200 && code < 300;
            deliveries.record(due, code, ok ? null : "HTTP " + code, start, ok, settings.maxAttempts(), retry);
            log.info("Webhook delivery {} ({}) attempt {}: HTTP {}", due.id(), due.event(), attempt, code);
        } catch (HttpTimeoutException e) {
            deliveries.record(due, null, "Timed out", null, false, settings.maxAttempts(), retry);
        } catch (ConnectException e) {
            deliveries.record(due, null, "Connection refused or unreachable", null, false, settings.maxAttempts(), retry);
        } catch (IOException e) {
            deliveries.record(due, null, e.getClass().getSimpleName() + ": " + e.getMessage(), null, false,
                    settings.maxAttempts(), retry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
