package io.github.rocketmqws.gateway.bench;

import static org.awaitility.Awaitility.await;

import io.github.rocketmqws.gateway.session.SessionRegistry;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Threads and heap per subscribed session (docs/adr/0001). A benchmark, not a test: it prints figures and asserts
 * nothing about them. Run: ./mvnw verify -Dbench=true -Dtest=SessionCostBench -Dsurefire.failIfNoSpecifiedTests=false
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class SessionCostBench {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Inject
    SessionRegistry sessions;

    @Test
    void threadsAndHeapPerSubscribedSession() {
        String topic = Topics.create("cost");
        System.out.printf("%n| sessions | groups | gateway threads (+ over idle) | heap used MiB (+ over idle) |%n|---|---|---|---|%n");
        int[][] runs = {{1, 1}, {100, 1}, {100, 100}, {1000, 1}, {1000, 100}, {1000, 1000}};
        for (int[] run : runs) {
            measure(topic, run[0], run[1]);
        }
    }

    private void measure(String topic, int count, int groups) {
        long[] idle = sample();
        List<WsClient> clients = new ArrayList<>();
        String prefix = Topics.group("cost");
        try {
            for (int i = 0; i < count; i++) {
                WsClient client = WsClient.connect(uri);
                clients.add(client);
                client.subscribe(topic, prefix + "-" + (i % groups), 32);
            }
            await().atMost(Duration.ofMinutes(5)).until(() -> sessions.snapshots().stream().filter(s -> topic.equals(s.topic())).count() == count);
            long[] busy = sample();
            System.out.printf("| %d | %d | %d (+%d) | %.1f (+%.1f) |%n", count, groups, busy[0], busy[0] - idle[0],
                    busy[1] / 1048576.0, (busy[1] - idle[1]) / 1048576.0);
        } finally {
            clients.forEach(WsClient::close);
            await().atMost(Duration.ofMinutes(2)).until(() -> sessions.snapshots().isEmpty());
        }
    }

    /** Live threads and heap after a full collection; test-side threads are few (one shared HttpClient). */
    private static long[] sample() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new long[] {threads, heap};
    }
}
