package io.github.rocketmqws.gateway.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.github.rocketmqws.gateway.session.SessionRegistry;
import io.github.rocketmqws.gateway.support.Topics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * 10,000 open WebSocket connections that only publish (issue 7): the gateway JVM's threads, heap and RSS before and
 * with them open, how long opening them took, and the publishes/s of a wave in which every one publishes once more.
 * The clients run in a process of their own ({@link ConnectionsClient}).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ConnectionsBench {
    static final int CONNECTIONS = 10_000;
    static final int HANDSHAKES = 200;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Inject
    SessionRegistry registry;

    @Inject
    GatewayConfig config;

    @Test
    void tenThousandPublishingConnections() throws Exception {
        // The default limit admits exactly 10,000 (an upgrade is refused only above it) and this bench opens no other.
        assertTrue(config.limits().maxConnections() >= CONNECTIONS, "gateway.limits.max-connections is too low");
        await().atMost(Duration.ofMinutes(3)).until(() -> registry.snapshots().isEmpty());
        String topic = Topics.create("connections");
        Footprint before = Footprint.sample();
        Footprint open;
        long connectMillis;
        double wavePerSecond;
        try (ConnectionsClientProcess clients = ConnectionsClientProcess.start(uri, topic, CONNECTIONS, HANDSHAKES)) {
            connectMillis = Long.parseLong(clients.await("opened", TIMEOUT)[1]);
            await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> registry.snapshots().size() == CONNECTIONS);
            open = Footprint.sample();
            clients.send("wave");
            String[] waved = clients.await("waved", TIMEOUT);
            wavePerSecond = Integer.parseInt(waved[0]) / (Long.parseLong(waved[1]) / 1e9);
            clients.send("close");
            clients.await("closed", TIMEOUT);
        }
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> registry.snapshots().isEmpty());
        BenchReport.figure(BenchTargets.CONNECTIONS + "count", CONNECTIONS);
        BenchReport.figure(BenchTargets.CONNECTIONS + "heapMiB", open.heapMiB());
        BenchReport.figure(BenchTargets.CONNECTIONS + "threads", open.threads());
        BenchReport.figure(BenchTargets.CONNECTIONS + "rssMiB", open.rssMiB());
        render(before, open, connectMillis, wavePerSecond);
        BenchTargets.render();
    }

    private void render(Footprint before, Footprint open, long connectMillis, double wavePerSecond) {
        StringBuilder out = new StringBuilder(BenchReport.machine()).append("\n\n");
        out.append(String.format(Locale.ROOT, "A client process of its own (%d cores shared with the gateway and "
                + "the broker; 10,000 client and 10,000 server sockets exceed one process's open-files limit) "
                + "opens %,d WebSocket connections, %d handshakes at once, each publishing one %d-byte message and "
                + "waiting for its `published` reply before it counts as open; then all stay open. With every "
                + "session registered at the gateway: the gateway JVM's live threads, heap used after full "
                + "collections, RSS. Then every connection publishes one more message at once (the second wave): "
                + "publishes/s from the first send to the last reply. The gateway runs with its default limits: "
                + "`gateway.limits.max-connections` is %,d and admits exactly that many (an upgrade is refused only "
                + "above it); the bench opens no other connection.%n%n", Runtime.getRuntime().availableProcessors(),
                CONNECTIONS, HANDSHAKES, LoadDriver.BODY_BYTES, config.limits().maxConnections()));
        out.append("| | sessions | threads | heap MiB after GC | RSS MiB | connect time | second-wave publishes/s |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| before opening | 0 | %d | %.1f | %.0f | - | - |%n", before.threads(),
                before.heapMiB(), before.rssMiB()));
        out.append(String.format(Locale.ROOT, "| %,d open | %,d | %d | %.1f | %.0f | %.1f s (%,.0f/s) | %,.0f |%n",
                CONNECTIONS, CONNECTIONS, open.threads(), open.heapMiB(), open.rssMiB(), connectMillis / 1000.0,
                CONNECTIONS / (connectMillis / 1000.0), wavePerSecond));
        BenchReport.section("connections", out.toString());
    }
}
