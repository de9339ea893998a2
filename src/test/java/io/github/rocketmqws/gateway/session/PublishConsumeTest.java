package io.github.rocketmqws.gateway.session;

import static io.github.rocketmqws.gateway.support.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rocketmqws.gateway.support.RawSocketClient;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.github.rocketmqws.gateway.support.WsClientJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Base64;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublishConsumeTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void aPublishedMessageArrivesWithEveryField() {
        String topic = Topics.create("roundtrip");
        try (WsClient publisher = WsClient.connect(uri); WsClient consumer = WsClient.connect(uri)) {
            assertThat(consumer.subscribe(topic, Topics.group("roundtrip"), 32).path("op").asText()).isEqualTo("subscribed");

            JsonNode published = publisher.request(frame("publish").put("topic", topic).put("body", "héllo")
                    .put("tag", "created").<ObjectNode>set("keys", WsClientJson.array("o-1", "o-2"))
                    .set("properties", WsClientJson.object("color", "red")));
            assertThat(published.path("op").asText()).isEqualTo("published");

            JsonNode message = consumer.awaitMessages(1).get(0);
            assertThat(message.path("messageId").asText()).isEqualTo(published.path("messageId").asText());
            assertThat(message.path("topic").asText()).isEqualTo(topic);
            assertThat(message.path("body").asText()).isEqualTo("héllo");
            assertThat(message.path("encoding").asText()).isEqualTo("text");
            assertThat(message.path("tag").asText()).isEqualTo("created");
            assertThat(message.path("keys")).extracting(JsonNode::asText).containsExactlyInAnyOrder("o-1", "o-2");
            assertThat(message.path("properties").path("color").asText()).isEqualTo("red");
            assertThat(message.path("deliveryAttempt").asInt()).isEqualTo(1);
            assertThat(message.path("bornTimestamp").asLong()).isPositive();
            assertThat(message.path("receipt").asText()).isNotBlank();

            JsonNode acked = consumer.request(frame("ack").put("receipt", message.path("receipt").asText()));
            assertThat(acked.path("op").asText()).isEqualTo("acked");
        }
    }

    @Test
    void aLargeMessageMayComeAsOneFrame() throws Exception {
        // Vert.x caps single frames at 64 KiB unless configured; clients that do not fragment must still get through.
        String topic = Topics.create("one-frame");
        String body = "y".repeat(200 * 1024);
        try (RawSocketClient raw = RawSocketClient.connect(uri)) {
            raw.sendText("{\"op\":\"publish\",\"id\":\"big\",\"topic\":\"" + topic + "\",\"body\":\"" + body + "\"}");
            assertThat(raw.readText()).startsWith("{\"op\":\"published\",\"id\":\"big\"");
        }
    }

    @Test
    void binaryBodiesTravelAsBase64() {
        String topic = Topics.create("binary");
        byte[] body = {0, (byte) 0xff, (byte) 0xfe, 1, 2, 3};
        String encoded = Base64.getEncoder().encodeToString(body);
        try (WsClient client = WsClient.connect(uri)) {
            client.subscribe(topic, Topics.group("binary"), 8);
            JsonNode published = client.request(frame("publish").put("topic", topic).put("body", encoded).put("encoding", "base64"));
            assertThat(published.path("op").asText()).isEqualTo("published");

            JsonNode message = client.awaitMessages(1).get(0);
            assertThat(message.path("encoding").asText()).isEqualTo("base64");
            assertThat(Base64.getDecoder().decode(message.path("body").asText())).isEqualTo(body);
        }
    }
}
