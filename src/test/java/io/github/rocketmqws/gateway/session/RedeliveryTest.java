package io.github.rocketmqws.gateway.session;

import static io.github.rocketmqws.gateway.support.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Un-acked messages go back to RocketMQ when a session ends, however it ends, and come back as a new attempt. */
@QuarkusTest
class RedeliveryTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void onUnsubscribeUnackedMessagesGoToAnotherSessionOfTheGroup() {
        assertRedeliveredAfter(client -> {
            JsonNode reply = client.request(frame("unsubscribe"));
            assertThat(reply.path("op").asText()).isEqualTo("unsubscribed");
        });
    }

    @Test
    void onACleanCloseUnackedMessagesAreRedelivered() {
        assertRedeliveredAfter(WsClient::close);
    }

    @Test
    void onConnectionLossUnackedMessagesAreRedelivered() {
        assertRedeliveredAfter(WsClient::abort);
    }

    @Test
    void anAckedMessageIsNotRedelivered() {
        String topic = Topics.create("acked");
        String group = Topics.group("acked");
        try (WsClient first = WsClient.connect(uri)) {
            first.subscribe(topic, group, 10);
            first.publish(topic, "once");
            JsonNode message = first.awaitMessages(1).get(0);
            assertThat(first.request(frame("ack").put("receipt", message.path("receipt").asText())).path("op").asText())
                    .isEqualTo("acked");
        }
        try (WsClient second = WsClient.connect(uri)) {
            second.subscribe(topic, group, 10);
            second.publish(topic, "marker");
            JsonNode next = second.awaitMessages(1).get(0);
            assertThat(next.path("body").asText()).isEqualTo("marker");
        }
    }

    private void assertRedeliveredAfter(Consumer<WsClient> ending) {
        String topic = Topics.create("redeliver");
        String group = Topics.group("redeliver");
        List<String> firstIds;
        try (WsClient first = WsClient.connect(uri)) {
            first.subscribe(topic, group, 10);
            for (int i = 0; i < 3; i++) {
                first.publish(topic, "m" + i);
            }
            firstIds = first.awaitMessages(3).stream().map(m -> m.path("messageId").asText()).toList();
            ending.accept(first);
        }
        try (WsClient second = WsClient.connect(uri)) {
            second.subscribe(topic, group, 10);
            List<JsonNode> again = second.awaitMessages(3);
            assertThat(again).extracting(m -> m.path("messageId").asText()).containsExactlyInAnyOrderElementsOf(firstIds);
            // At least 2: a receive the closing session had outstanding may take a returned message once more
            // before handing it back (docs/protocol.md, "Delivery, credit and acknowledgement").
            assertThat(again).allSatisfy(m -> assertThat(m.path("deliveryAttempt").asInt()).isGreaterThanOrEqualTo(2));
        }
    }
}
