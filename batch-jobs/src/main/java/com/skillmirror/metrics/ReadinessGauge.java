package com.skillmirror.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code skillmirror.health.readiness}: 1 while the app's readiness group (PostgreSQL, storage, RabbitMQ when
 * distributed) is UP, else 0, read from the actuator's health endpoint at each scrape, so an alert can say which app is
 * not ready while Prometheus still reaches it. Absent where the app has no health endpoint (the CLI's job commands).
 */
@Component
class ReadinessGauge implements MeterBinder {

    static final String READINESS = "skillmirror.health.readiness";

    private final ObjectProvider<HealthEndpoint> health;

    ReadinessGauge(ObjectProvider<HealthEndpoint> health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(READINESS, this, ReadinessGauge::ready)
                .description("1 while the readiness group is UP, else 0").register(registry);
    }

    double ready() {
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return Double.NaN;
        }
        HealthDescriptor readiness = endpoint.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }
}
