package io.github.rocketmqws.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rocketmqws.gateway.support.RawSocketClient;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that stops reading its socket (the TCP connection stays open) must not make the gateway take its
 * backlog out of RocketMQ: what the gateway holds for it is bounded by prefetch, whatever the backlog. In auto ack
 * mode the kernel's socket buffers also hold some already-acked messages; that is bounded by the buffers' size.
 */
@QuarkusTest
class SlowReaderTest {
    private static final int PREFETCH = 4;
    private static final int BACKLOG = 100;
    private static final int BODY_BYTES = 256 * 1024;
    private static final int KERNEL_BUFFERS_BYTES = 8 * 1024 * 1024;

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Inject
    SessionRegistry sessions;

    @ParameterizedTest
    @ValueSource(strings = {"client", "auto"})
    void aClientThatStopsReadingHoldsAtMostPrefetchMessages(String ackMode) throws Exception {
        String topic = Topics.create("slow-" + ackMode);
        String group = Topics.group("slow");
        String body = "x".repeat(BODY_BYTES);
        try (RawSocketClient stalled = RawSocketClient.connect(uri); WsClient publisher = WsClient.connect(uri)) {
            stalled.sendText("{\"op\":\"subscribe\",\"topic\":\"" + topic + "\",\"group\":\"" + group
                    + "\",\"prefetch\":" + PREFETCH + ",\"ackMode\":\"" + ackMode + "\"}");
            await().atMost(WsClient.TIMEOUT).until(() -> sessions.snapshots().stream().anyMatch(s -> topic.equals(s.topic())));
            for (int i = 0; i < BACKLOG; i++) {
                publisher.publish(topic, body);
            }
            // The gateway fills the credit, then waits: for acks, or (auto) for the socket to drain. In auto mode the
            // last writes may complete before TCP stops them, so less than the full credit may stay in flight.
            if (ackMode.equals("client")) {
                await().atMost(WsClient.TIMEOUT).until(() -> inFlight(topic) == PREFETCH);
            } else {
                await().atMost(WsClient.TIMEOUT).until(() -> inFlight(topic) > 0);
            }
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> inFlight(topic) <= PREFETCH);

            // The backlog is still in RocketMQ: another session of the group gets it.
            int heldByTheStalledClient = PREFETCH + (ackMode.equals("auto") ? KERNEL_BUFFERS_BYTES / BODY_BYTES : 0);
            try (WsClient drain = WsClient.connect(uri)) {
                drain.subscribe(topic, group, 100);
                Set<String> ids = new HashSet<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    drain.messages().stream().filter(m -> ids.add(m.path("messageId").asText())).forEach(drain::ack);
                    return ids.size() >= BACKLOG - heldByTheStalledClient;
                });
                assertThat(ids.size()).isBetween(BACKLOG - heldByTheStalledClient, BACKLOG - PREFETCH);
            }
        }
    }

    private int inFlight(String topic) {
        return sessions.snapshots().stream().filter(s -> topic.equals(s.topic())).mapToInt(SessionSnapshot::inFlight).sum();
    }
}
