package io.github.rocketmqws.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rocketmqws.gateway.broker.BrokerAdmin;
import io.github.rocketmqws.gateway.metrics.GatewayMetrics;
import io.github.rocketmqws.gateway.session.SessionRegistry;
import io.github.rocketmqws.gateway.session.SessionSnapshot;
import io.github.rocketmqws.gateway.support.Topics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A session that subscribes and stops reading while 100,000 messages of 1 KiB wait: the gateway's heap must stay
 * flat, for client acks and for auto acks (acked at RocketMQ once written to the socket, where unbounded buffering
 * would show). Then the stalled socket closes and a fresh reader of the group must get every message the stalled
 * session did not take for good: all of them with client acks. Run: ./mvnw verify -Pbench -Dtest=SlowConsumerBench
 * -Dsurefire.failIfNoSpecifiedTests=false, optionally -Dbench.slow.messages=N.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class SlowConsumerBench {
    static final int MESSAGES = Integer.getInteger("bench.slow.messages", 100_000);
    static final int PREFETCH = 1000;
    static final Duration STALL = Duration.ofSeconds(30);
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Inject
    BrokerAdmin admin;

    @Inject
    SessionRegistry sessions;

    @Inject
    GatewayMetrics metrics;

    @Test
    void aStalledSessionKeepsTheHeapFlat() throws Exception {
        String topic = Topics.create("bench-slow");
        long start = System.nanoTime();
        try (LoadPath producer = new GrpcDirectPath(System.getProperty("gateway.rocketmq.endpoints"))) {
            LoadDriver.publish(producer, topic, MESSAGES);
        }
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        List<SlowConsumerTable.Run> runs = new ArrayList<>();
        for (String ackMode : List.of("client", "auto")) {
            SlowConsumerTable.Run run = stallAndDrain(topic, ackMode);
            runs.add(run);
            String key = BenchTargets.SLOW + ackMode + ".";
            BenchReport.figure(key + "heapBeforeMiB", run.before().heapMiB());
            BenchReport.figure(key + "heapMaxMiB", run.maxHeapMiB());
            BenchReport.figure(key + "heapAfterMiB", run.after().heapMiB());
        }
        SlowConsumerTable.render(publishSeconds, runs);
        BenchTargets.render();
        for (SlowConsumerTable.Run run : runs) {
            // Correctness, not a figure: every message the stalled session did not take for good comes back.
            assertThat(run.drained()).as("messages a fresh reader got after the %s-ack session closed", run.ackMode())
                    .isGreaterThanOrEqualTo(MESSAGES - run.ackedByGateway());
            if (run.ackMode().equals("client")) {
                assertThat(run.drained()).isEqualTo(MESSAGES);
            }
        }
    }

    private SlowConsumerTable.Run stallAndDrain(String topic, String ackMode) throws Exception {
        String group = Topics.group("bench-slow-" + ackMode);
        admin.ensureGroup(group).await().atMost(Duration.ofSeconds(30));
        double deliveries = metrics.count("gateway.deliveries");
        double acks = metrics.count("gateway.acks");
        Footprint before = Footprint.sample();
        Footprint after;
        double maxHeap = before.heapMiB();
        int read;
        int inFlight;
        long stallStart = System.nanoTime();
        try (StalledSession stalled = StalledSession.subscribe(uri, topic, group, PREFETCH, ackMode)) {
            read = stalled.messagesRead();
            do {
                LockSupport.parkNanos(SAMPLE_EVERY.toNanos());
                after = Footprint.sample();
                maxHeap = Math.max(maxHeap, after.heapMiB());
                System.out.printf("slow consumer (ack %s): %s, %d in flight%n", ackMode, after, inFlight(topic, group));
            } while (System.nanoTime() - stallStart < STALL.toNanos());
            inFlight = inFlight(topic, group);
        }
        double stalledSeconds = (System.nanoTime() - stallStart) / 1e9;
        int delivered = (int) Math.round(metrics.count("gateway.deliveries") - deliveries);
        int acked = (int) Math.round(metrics.count("gateway.acks") - acks);
        await().atMost(Duration.ofSeconds(30)).until(() -> inFlight(topic, group) < 0);

        BitSet seen = new BitSet(MESSAGES);
        long drainStart = System.nanoTime();
        try (GatewayPath reader = new GatewayPath(uri, "grpc");
                AutoCloseable consumer = reader.consume(topic, group, body -> {
                    synchronized (seen) {
                        seen.set(LoadDriver.seq(body));
                    }
                })) {
            int expected = MESSAGES - acked;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> drained(seen) >= expected);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        return new SlowConsumerTable.Run(ackMode, before, maxHeap, after, read, delivered, inFlight, acked,
                stalledSeconds, drained(seen), drainSeconds);
    }

    private static int drained(BitSet seen) {
        synchronized (seen) {
            return seen.cardinality();
        }
    }

    /** The session's used credit as the gateway counts it; -1 once the session is gone. */
    private int inFlight(String topic, String group) {
        return sessions.snapshots().stream().filter(s -> topic.equals(s.topic()) && group.equals(s.group()))
                .findFirst().map(SessionSnapshot::inFlight).orElse(-1);
    }
}
