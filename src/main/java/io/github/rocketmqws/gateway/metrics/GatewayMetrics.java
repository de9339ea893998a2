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

    public double count(String name) {
        Counter counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }
}
