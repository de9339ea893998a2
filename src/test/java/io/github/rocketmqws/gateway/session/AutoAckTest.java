package io.github.rocketmqws.gateway.session;

import static io.github.rocketmqws.gateway.support.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** In auto mode the gateway acks once the message is written: prefetch never stalls and nothing comes back. */
@QuarkusTest
class AutoAckTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void autoModeAcksWrittenMessagesAtTheBroker() {
        String topic = Topics.create("auto");
        String group = Topics.group("auto");
        try (WsClient client = WsClient.connect(uri)) {
            client.request(frame("subscribe").put("topic", topic).put("group", group).put("prefetch", 2).put("ackMode", "auto"));
            for (int i = 0; i < 6; i++) {
                client.publish(topic, "m" + i);
            }
            // Six messages through a prefetch of two, without a single ack frame.
            assertThat(client.awaitMessages(6)).allSatisfy(m -> assertThat(m.path("deliveryAttempt").asInt()).isEqualTo(1));
            client.request(frame("unsubscribe"));
        }
        try (WsClient again = WsClient.connect(uri)) {
            again.subscribe(topic, group, 10);
            again.publish(topic, "marker");
            // The marker is the only message left for the group: the six were acked.
            assertThat(again.awaitMessages(1).get(0).path("body").asText()).isEqualTo("marker");
        }
    }
}
