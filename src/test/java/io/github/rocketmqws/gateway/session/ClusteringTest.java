package io.github.rocketmqws.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two sessions of one group share its messages: each message reaches exactly one of them. */
@QuarkusTest
class ClusteringTest {
    private static final int MESSAGES = 100;

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void sessionsOfOneGroupShareTheMessagesWithoutLossOrDuplicates() {
        String topic = Topics.create("cluster");
        String group = Topics.group("cluster");
        try (WsClient a = WsClient.connect(uri); WsClient b = WsClient.connect(uri); WsClient publisher = WsClient.connect(uri)) {
            a.subscribe(topic, group, 5);
            b.subscribe(topic, group, 5);
            Set<String> published = new HashSet<>();
            for (int i = 0; i < MESSAGES; i++) {
                published.add(publisher.publish(topic, "m" + i));
            }
            Set<String> ackedByA = new HashSet<>();
            Set<String> ackedByB = new HashSet<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ackNew(a, ackedByA);
                ackNew(b, ackedByB);
                return ackedByA.size() + ackedByB.size() >= MESSAGES;
            });
            // Nothing comes twice once everything is acked.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> a.messages().size() + b.messages().size() == MESSAGES);
            List<String> all = new ArrayList<>(ackedByA);
            all.addAll(ackedByB);
            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published);
            assertThat(ackedByA).as("session A's share").isNotEmpty();
            assertThat(ackedByB).as("session B's share").isNotEmpty();
        }
    }

    private static void ackNew(WsClient client, Set<String> acked) {
        for (JsonNode message : client.messages()) {
            if (acked.add(message.path("messageId").asText())) {
                client.ack(message);
            }
        }
    }
}
