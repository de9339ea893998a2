package io.github.rocketmqws.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The gateway's counters, exported at {@code /q/metrics} as {@code gateway_*}. */
@Singleton
public class GatewayMetrics {
    private final MeterRegistry registry;
    private final Counter deliveries;
    private final Counter acks;
    private final Counter nacks;
    private final Counter publishes;
    private final Counter publishFailures;
    private final Timer publishLatency;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.deliveries = Counter.builder("gateway.deliveries").description("Messages written to sockets").register(registry);
        this.acks = Counter.builder("gateway.acks").description("Messages acked at the broker").register(registry);
        this.nacks = Counter.builder("gateway.nacks").description("Messages returned to the broker").register(registry);
        this.publishes = Counter.builder("gateway.publishes").description("Messages published").register(registry);
        this.publishFailures = Counter.builder("gateway.publish.failures").description("Publishes that failed").register(registry);
        this.publishLatency = Timer.builder("gateway.publish.latency").description("Broker time of one publish")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public void gaugeSessions(Supplier<Number> openSessions) {
        Gauge.builder("gateway.sessions", openSessions).description("Open WebSocket sessions").register(registry);
    }

    public void delivered() {
        deliveries.increment();
    }

    public void acked() {
        acks.increment();
    }

    public void nacked() {
        nacks.increment();
    }

    public void published(long nanos) {
        publishes.increment();
        publishLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void publishFailed() {
        publishFailures.increment();
    }

    /** An upgrade refused before a socket existed; {@code reason}: origin, credentials, gateway_full, principal_full. */
    public void upgradeRefused(String reason) {
        Counter.builder("gateway.upgrades.refused").description("WebSocket upgrades refused").tag("reason", reason)
                .register(registry).increment();
    }

    /** An error frame sent, by its code: FORBIDDEN and RATE_LIMITED climbing is a client to look at. */
    public void errorSent(String code) {
        Counter.builder("gateway.errors").description("Error frames sent").tag("code", code).register(registry).increment();
    }

    public double count(String name, String tag, String value) {
        Counter counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    public double count(String name) {
        Counter counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }
}
