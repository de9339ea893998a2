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
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PrefetchTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void withoutAcksTheFlowStopsAtExactlyPrefetchAndResumesOnAck() {
        String topic = Topics.create("prefetch");
        try (WsClient publisher = WsClient.connect(uri); WsClient consumer = WsClient.connect(uri)) {
            consumer.subscribe(topic, Topics.group("prefetch"), 5);
            for (int i = 0; i < 20; i++) {
                publisher.publish(topic, "m" + i);
            }
            consumer.awaitMessages(5);
            // Nothing more may arrive while the five are un-acked.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> consumer.messages().size() == 5);

            List<JsonNode> first = consumer.messages();
            consumer.ack(first.get(0));
            consumer.ack(first.get(1));
            consumer.awaitMessages(7);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> consumer.messages().size() == 7);
            assertThat(consumer.messages()).extracting(m -> m.path("receipt").asText()).doesNotHaveDuplicates();
        }
    }
}
