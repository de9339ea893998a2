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
class NackTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void aNackedMessageComesBackAfterItsDelayWithTheNextAttempt() {
        String topic = Topics.create("nack");
        try (WsClient client = WsClient.connect(uri)) {
            client.subscribe(topic, Topics.group("nack"), 4);
            String id = client.publish(topic, "again");
            JsonNode first = client.awaitMessages(1).get(0);
            long nackedAt = System.currentTimeMillis();
            JsonNode reply = client.request(frame("nack").put("receipt", first.path("receipt").asText()).put("delayMs", 2000));
            assertThat(reply.path("op").asText()).isEqualTo("nacked");

            JsonNode second = client.awaitMessages(2).get(1);
            assertThat(System.currentTimeMillis() - nackedAt).isGreaterThanOrEqualTo(1500);
            assertThat(second.path("messageId").asText()).isEqualTo(id);
            assertThat(second.path("deliveryAttempt").asInt()).isEqualTo(2);
            assertThat(second.path("receipt").asText()).isNotEqualTo(first.path("receipt").asText());
        }
    }

    @Test
    void aSettledReceiptCannotBeSettledAgain() {
        String topic = Topics.create("settled");
        try (WsClient client = WsClient.connect(uri)) {
            client.subscribe(topic, Topics.group("settled"), 4);
            client.publish(topic, "one");
            String receipt = client.awaitMessages(1).get(0).path("receipt").asText();
            assertThat(client.request(frame("ack").put("receipt", receipt)).path("op").asText()).isEqualTo("acked");
            JsonNode again = client.request(frame("nack").put("receipt", receipt));
            assertThat(again.path("code").asText()).isEqualTo("UNKNOWN_RECEIPT");
            assertThat(again.path("receipt").asText()).isEqualTo(receipt);
        }
    }
}
