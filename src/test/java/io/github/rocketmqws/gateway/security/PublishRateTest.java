package io.github.rocketmqws.gateway.security;

import static io.github.rocketmqws.gateway.support.SecurityFixtures.authorization;
import static io.github.rocketmqws.gateway.support.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rocketmqws.gateway.support.SecuredProfile;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each connection publishes through a token bucket: a burst, then the rate, then RATE_LIMITED. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class PublishRateTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void publishesBeyondTheBurstAreRateLimitedAndPassAgainLater() {
        String topic = Topics.create("sec-rate");
        int sent = SecuredProfile.PUBLISH_BURST * 4;
        try (WsClient flooder = WsClient.connect(uri, authorization(SecurityFixtures.CLIENT_A_KEY));
                WsClient neighbour = WsClient.connect(uri, authorization(SecurityFixtures.CLIENT_A_KEY))) {
            // Sent back to back, faster than the bucket refills (20/s): the burst passes, most of the rest not.
            IntStream.range(0, sent).forEach(i -> flooder.send(frame("publish").put("id", "p" + i)
                    .put("topic", topic).put("body", "m" + i).toString()));
            List<JsonNode> replies = flooder.awaitFrames(sent);
            long published = replies.stream().filter(r -> r.path("op").asText().equals("published")).count();
            List<JsonNode> limited = replies.stream().filter(r -> r.path("code").asText().equals("RATE_LIMITED")).toList();
            assertThat(published).isBetween((long) SecuredProfile.PUBLISH_BURST, (long) sent - 1);
            assertThat(published + limited.size()).isEqualTo(sent);
            assertThat(limited.get(0).path("message").asText()).contains("retry in");

            // The limit is per connection: a neighbour of the same principal publishes at once.
            assertThat(neighbour.publish(topic, "unaffected")).isNotBlank();
            // And the flooder's bucket refills.
            await().atMost(WsClient.TIMEOUT).until(() -> "published".equals(
                    flooder.request(frame("publish").put("topic", topic).put("body", "later")).path("op").asText()));
        }
    }
}
