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
 * A benchmark, not a test: it prints a table and asserts nothing about the figures. The direct ceilings run once per
 * JVM, in whichever class comes first. Run: ./mvnw verify -Dbench=true -Dtest='Throughput*Bench'
 * -Dsurefire.failIfNoSpecifiedTests=false (-Dbench.messages=20000 by default).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ThroughputBench {
    static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
    static final int WARM_UP = Math.max(1000, MESSAGES / 10);
    static final int RATE = 1000;
    static final int SECONDS = 5;

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Inject
    BrokerAdmin admin;

    @ConfigProperty(name = "gateway.rocketmq.transport", defaultValue = "grpc")
    String transport;

    @Test
    void throughputAndLatency() throws Exception {
        if (!ThroughputTable.hasDirect()) {
            // system properties from surefire: the remoting profile points the gateway's endpoints elsewhere
            measure(new GrpcDirectPath(System.getProperty("gateway.rocketmq.endpoints")), true);
            measure(new ClassicDirectPath(System.getProperty("gateway.rocketmq.name-server")), true);
        }
        measure(new GatewayPath(uri, transport), false);
        ThroughputTable.print(MESSAGES, RATE, SECONDS);
    }

    private void measure(LoadPath path, boolean direct) throws Exception {
        try (path) {
            String warmTopic = Topics.create("bench-warm");
            LoadDriver.publish(path, warmTopic, WARM_UP);
            LoadDriver.consume(path, warmTopic, group(), WARM_UP);

            String topic = Topics.create("bench");
            double publish = LoadDriver.publish(path, topic, MESSAGES);
            double consume = LoadDriver.consume(path, topic, group(), MESSAGES);
            double[] latency = LoadDriver.latency(path, Topics.create("bench-latency"), group(), RATE, SECONDS);
            ThroughputTable.add(new ThroughputTable.Row(path.name(), direct, publish, consume, latency));
            System.out.printf("%s: publish %.0f msgs/s, consume %.0f msgs/s, p50 %.1f ms, p99 %.1f ms%n", path.name(),
                    publish, consume, latency[0], latency[1]);
        }
    }

    private String group() {
        String group = Topics.group("bench");
        admin.ensureGroup(group).await().atMost(Duration.ofSeconds(30));
        return group;
    }
}
