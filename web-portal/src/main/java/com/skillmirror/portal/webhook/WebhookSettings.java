package com.skillmirror.portal.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * skillmirror.webhooks.*: the teams' webhooks and their delivery.
 *
 * @param enabled whether this process sends deliveries (any number of portal replicas may; each delivery is
 *                claimed by one)
 * @param pollInterval how often the outbox is polled for due deliveries
 * @param backoffBase the wait after a first failed attempt; each later one waits three times longer
 * @param maxAttempts attempts before a delivery is given up (6 with a 30 s base spread over about an hour)
 * @param concurrency deliveries sent at once by this process
 * @param connectTimeout how long to wait for a receiver's connection
 * @param timeout how long to wait for a receiver's whole answer
 * @param allowPrivateTargets allow URLs on loopback, private, link-local and other internal addresses (on-premises
 *                            receivers, tests); off by default, so a webhook cannot probe the portal's own network
 * @param maxPerTeam how many webhooks a team may have
 * @param eventWindow how old an event may be and still be fanned out into deliveries (a portal whose senders were all
 *                    stopped for longer loses the older events; a webhook registered later never gets them anyway)
 * @param retention how long events are kept with their deliveries and attempt logs before they are deleted
 */
@ConfigurationProperties("skillmirror.webhooks")
@Validated
record WebhookSettings(@DefaultValue("true") boolean enabled,
                       @DefaultValue("2s") @DurationMin(millis = 10) Duration pollInterval,
                       @DefaultValue("30s") @DurationMin(millis = 1) Duration backoffBase,
                       @DefaultValue("6") @Positive @Max(20) int maxAttempts,
                       @DefaultValue("4") @Positive @Max(64) int concurrency,
                       @DefaultValue("5s") @DurationMin(millis = 100) Duration connectTimeout,
                       @DefaultValue("10s") @DurationMin(millis = 100) Duration timeout,
                       @DefaultValue("false") boolean allowPrivateTargets,
                       @DefaultValue("10") @Positive int maxPerTeam,
                       @DefaultValue("1d") @DurationMin(minutes = 1) Duration eventWindow,
                       @DefaultValue("30d") @DurationMin(hours = 1) Duration retention) {

    /** The wait after the given failed attempt (1 = the first): base, 3 base, 9 base, ... */
    Duration backoff(int attempt) {
        return backoffBase.multipliedBy((long) Math.pow(3, Math.max(0, attempt - 1)));
    }
}
