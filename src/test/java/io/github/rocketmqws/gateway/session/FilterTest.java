package io.github.rocketmqws.gateway.session;

import static io.github.rocketmqws.gateway.support.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.github.rocketmqws.gateway.support.WsClientJson;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FilterTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void aTagFilterDeliversOnlyMatchingTags() {
        String topic = Topics.create("tags");
        try (WsClient client = WsClient.connect(uri)) {
            client.request(frame("subscribe").put("topic", topic).put("group", Topics.group("tags")).put("filter", "red || blue"));
            for (String tag : new String[] {"red", "green", "blue", "green"}) {
                client.request(frame("publish").put("topic", topic).put("body", tag).put("tag", tag));
            }
            client.awaitMessages(2);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.messages().size() == 2);
            assertThat(client.messages()).extracting(m -> m.path("tag").asText()).containsExactlyInAnyOrder("red", "blue");
        }
    }

    @Test
    void aSql92FilterDeliversOnlyMatchingProperties() {
        String topic = Topics.create("sql");
        try (WsClient client = WsClient.connect(uri)) {
            String reply = client.request(frame("subscribe").put("topic", topic).put("group", Topics.group("sql"))
                    .put("filterType", "SQL92").put("filter", "color = 'red'")).path("op").asText();
            assertThat(reply).isEqualTo("subscribed");
            for (String color : new String[] {"red", "green", "red"}) {
                client.request(frame("publish").put("topic", topic).put("body", color)
                        .<ObjectNode>set("properties", WsClientJson.object("color", color)));
            }
            client.awaitMessages(2);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.messages().size() == 2);
            assertThat(client.messages()).extracting(m -> m.path("body").asText()).containsExactly("red", "red");
        }
    }
}
