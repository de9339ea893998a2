package io.github.rocketmqws.gateway.bench;

import io.github.rocketmqws.gateway.broker.BrokerAdmin;
import io.github.rocketmqws.gateway.support.Topics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput and latency of the gateway against the direct clients on the same broker, 1 KiB messages (issue 7).
 * A benchmark, not a test: it prints a table and asserts nothing about the figures. The direct ceilings run in this
 * class only; {@link ThroughputOverRemotingBench}, run after it, adds its gateway row and prints the whole table.
 * Run (docs/benchmarks.md): ./mvnw verify -Dbench=true -Dtest='Throughput*Bench' -Dsurefire.runOrder=alphabetical
 * -Dsurefire.failIfNoSpecifiedTests=false, optionally -Dbench.messages=10000 (the default).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ThroughputBench {
    static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
    // Enough for the JIT: with 1,000 the first direct client measured was up to 3x slower than the same client later.
    static final int WARM_UP = Math.max(5000, MESSAGES / 2);
    static final int RATE = 1000;
    static final int ROUND_TRIPS = 2000;
    static final int SECONDS = 10;

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Inject
    BrokerAdmin admin;

    @ConfigProperty(name = "gateway.rocketmq.transport", defaultValue = "grpc")
    String transport;

    @Test
    void throughputAndLatency() throws Exception {
        if (measuresDirect()) {
            // system properties from surefire (a test profile's overrides replace them, so only this class reads them)
            measure(new GrpcDirectPath(System.getProperty("gateway.rocketmq.endpoints")));
            measure(new ClassicDirectPath(System.getProperty("gateway.rocketmq.name-server"), false));
            measure(new ClassicDirectPath(System.getProperty("gateway.rocketmq.name-server"), true));
        }
        measure(new GatewayPath(uri, transport));
        ThroughputTable.render(MESSAGES, RATE, SECONDS);
        BenchTargets.render();
    }

    /** The direct ceilings run once, with the default profile; subclasses only add their gateway row. */
    boolean measuresDirect() {
        return true;
    }

    private void measure(LoadPath path) throws Exception {
        try (path) {
            String warmTopic = Topics.create("bench-warm");
            LoadDriver.publish(path, warmTopic, WARM_UP);
            LoadDriver.consume(path, warmTopic, group(), WARM_UP);

            String topic = Topics.create("bench");
            String group = group();
            CpuMeter cpu = CpuMeter.start();
            double publish = LoadDriver.publish(path, topic, MESSAGES);
            double[] publishCpu = cpu.perMessage(MESSAGES);
            cpu = CpuMeter.start();
            double consume = LoadDriver.consume(path, topic, group, MESSAGES);
            double[] consumeCpu = cpu.perMessage(MESSAGES);
            double[] roundTrip = LoadDriver.roundTrip(path, Topics.create("bench-round-trip"), ROUND_TRIPS);
            double[] latency = LoadDriver.latency(path, Topics.create("bench-latency"), group(), RATE, SECONDS);
            double[] saturation = LoadDriver.saturation(path, Topics.create("bench-saturation"), group(), MESSAGES);
            double[] values = {publish, consume, latency[0], latency[1], latency[2], saturation[0], saturation[1],
                saturation[2], saturation[3], publishCpu[0], publishCpu[1], consumeCpu[0], consumeCpu[1],
                publishCpu[2], consumeCpu[2], roundTrip[0], roundTrip[1]};
            ThroughputTable.keep(path, values);
            System.out.printf("%s: %s%n", path.name(), java.util.Arrays.toString(values));
        }
    }

    private String group() {
        String group = Topics.group("bench");
        admin.ensureGroup(group).await().atMost(Duration.ofSeconds(30));
        return group;
    }
}
