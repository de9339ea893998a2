package io.github.rocketmqws.gateway.session;

import static io.github.rocketmqws.gateway.support.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DelayAndFifoTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void aDelayedMessageArrivesNoEarlierThanDeliverAt() {
        String topic = Topics.create("delay");
        try (WsClient client = WsClient.connect(uri)) {
            client.subscribe(topic, Topics.group("delay"), 4);
            long deliverAt = System.currentTimeMillis() + 3000;
            JsonNode reply = client.request(frame("publish").put("topic", topic).put("body", "later").put("deliverAt", deliverAt));
            assertThat(reply.path("op").asText()).isEqualTo("published");
            client.awaitMessages(1);
            assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(deliverAt - 200);
        }
    }

    @Test
    void aMessageGroupIsCarriedToTheConsumer() {
        String topic = Topics.create("fifo");
        try (WsClient client = WsClient.connect(uri)) {
            client.subscribe(topic, Topics.group("fifo"), 4);
            JsonNode reply = client.request(frame("publish").put("topic", topic).put("body", "first").put("messageGroup", "order-7"));
            assertThat(reply.path("op").asText()).isEqualTo("published");
            assertThat(client.awaitMessages(1).get(0).path("messageGroup").asText()).isEqualTo("order-7");
        }
    }
}
