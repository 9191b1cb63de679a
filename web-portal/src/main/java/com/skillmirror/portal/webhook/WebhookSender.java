package com.skillmirror.portal.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox's due deliveries: polls every poll-interval, claims at most as many as it has free senders
 * (skillmirror.webhooks.concurrency), POSTs each payload signed ({@code X-SkillMirror-Signature: t=...,v1=...},
 * HMAC-SHA256 of {@code t + "." + body} under the webhook's secret) with {@code X-SkillMirror-Event} and
 * {@code X-SkillMirror-Delivery}, under a connect time limit and one for the whole attempt (the answer's body
 * included), never following redirects, to an address checked again just before (see {@link WebhookUrls}) and at
 * the connection itself ({@link PublicAddressDns}: the addresses connected to are the ones checked). A 2xx is
 * delivered; anything else is retried with
 * exponential backoff up to max-attempts. Only the first 200 characters of an answer are kept; the secret and the
 * URL are never logged (the log names the delivery).
 */
@Component
@ConditionalOnProperty(name = "skillmirror.webhooks.enabled", havingValue = "true", matchIfMissing = true)
class WebhookSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private static final MediaType JSON = MediaType.get("application/json");

    private final WebhookDeliveries deliveries;
    private final WebhookSecrets secrets;
    private final WebhookSettings settings;
    private final OkHttpClient http;
    private final Semaphore free;
    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private volatile boolean running;

    WebhookSender(WebhookDeliveries deliveries, WebhookSecrets secrets, WebhookSettings settings) {
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.settings = settings;
        this.free = new Semaphore(settings.concurrency());
        this.http = client(settings, Dns.SYSTEM);
    }

    /**
     * The HTTP client of the deliveries: names resolved by {@code resolver} and checked ({@link PublicAddressDns}),
     * the whole attempt (look-up, connection, request, the answer's headers and body) within the timeout, no
     * redirects, no retry on a failed connection (each attempt is one logged attempt; OkHttp still repeats a POST
     * answered 503 with Retry-After: 0 once), HTTP/1.1, and straight to the receiver: a
     * JVM-wide proxy would resolve the receiver's name itself, past the check.
     */
    static OkHttpClient client(WebhookSettings settings, Dns resolver) {
        return new OkHttpClient.Builder().dns(new PublicAddressDns(resolver, settings.allowPrivateTargets()))
                .proxy(Proxy.NO_PROXY)
                .connectTimeout(settings.connectTimeout()).callTimeout(settings.timeout())
                .readTimeout(settings.timeout()).writeTimeout(settings.timeout())
                .followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false)
                .protocols(List.of(Protocol.HTTP_1_1)).build();
    }

    @Override
    public synchronized void start() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        senders = Executors.newFixedThreadPool(settings.concurrency(), r -> daemon(r, "webhook-send-" + n.incrementAndGet()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-poll"));
        poller.scheduleWithFixedDelay(this::pollQuietly, settings.pollInterval().toMillis(),
                settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::purgeQuietly, 1, 60, TimeUnit.MINUTES);
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
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
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

    /** Events past skillmirror.webhooks.retention go with their deliveries and logs (every replica may do it). */
    private void purgeQuietly() {
        try {
            int purged = deliveries.purge(settings.retention());
            if (purged > 0) {
                log.info("Deleted {} webhook events older than {} with their deliveries", purged, settings.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Webhook retention delete failed: {}", e.toString());
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
            due = deliveries.claim(permits, lease(settings));
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

    /**
     * How long a claimed delivery is leased: longer than a whole attempt (two name look-ups, the connection, the
     * answer's headers and body under the timeout), so that it is never claimed again while still being sent.
     */
    static Duration lease(WebhookSettings settings) {
        return settings.connectTimeout().plus(settings.timeout()).plusSeconds(120);
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
        HttpUrl url;
        try {
            URI uri = WebhookUrls.parse(due.url());
            WebhookUrls.requirePublic(uri, settings.allowPrivateTargets());
            url = HttpUrl.get(uri);
            if (url == null) {
                throw new IllegalArgumentException("not an HTTP URL");
            }
        } catch (IllegalArgumentException e) {
            String why = e instanceof WebhookUrls.RefusedUrl ? e.getMessage() : "The webhook's URL is not a valid URL.";
            deliveries.record(due, null, "Refused: " + why, null, false, settings.maxAttempts(), retry);
            return;
        }
        byte[] body = due.payload().getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;
        Request request = new Request.Builder().url(url)
                .header("User-Agent", "SkillMirror-Webhooks/1")
                .header("X-SkillMirror-Event", due.event())
                .header("X-SkillMirror-Delivery", due.id().toString())
                .header("X-SkillMirror-Signature", WebhookSecrets.signature(secret, now, body))
                .post(RequestBody.create(body, JSON)).build();
        Call call = http.newCall(request);
        try (Response response = call.execute()) {
            // only the start of the answer is kept; a receiver that sends its headers and then stalls the body is
            // cut by the call's timeout, which ends the blocked read, so no sender thread waits forever
            String start = answerStart(response.body());
            int code = response.code();
            boolean ok = code >= 200 && code < 300;
            deliveries.record(due, code, ok ? null : "HTTP " + code, start, ok, settings.maxAttempts(), retry);
            log.info("Webhook delivery {} ({}) attempt {}: HTTP {}", due.id(), due.event(), attempt, code);
        } catch (PublicAddressDns.InternalAddressException e) {
            deliveries.record(due, null, "Refused: " + e.getMessage(), null, false, settings.maxAttempts(), retry);
            log.warn("Webhook delivery {} ({}) attempt {}: refused, its host resolved to an internal address when"
                    + " connecting", due.id(), due.event(), attempt);
        } catch (IOException e) {
            if (call.isCanceled() || e instanceof InterruptedIOException) {
                deliveries.record(due, null, "Timed out", null, false, settings.maxAttempts(), retry);
                log.info("Webhook delivery {} ({}) attempt {}: timed out", due.id(), due.event(), attempt);
            } else if (e instanceof ConnectException) {
                deliveries.record(due, null, "Connection refused or unreachable", null, false, settings.maxAttempts(),
                        retry);
            } else {
                deliveries.record(due, null, e.getClass().getSimpleName() + ": " + e.getMessage(), null, false,
                        settings.maxAttempts(), retry);
            }
        }
    }

    private static String answerStart(ResponseBody body) throws IOException {
        if (body == null) {
            return null;
        }
        try (InputStream in = body.byteStream()) {
            return new String(in.readNBytes(200), StandardCharsets.UTF_8);
        }
    }
}
