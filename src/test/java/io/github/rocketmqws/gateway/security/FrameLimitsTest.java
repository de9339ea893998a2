package io.github.rocketmqws.gateway.security;

import static io.github.rocketmqws.gateway.support.SecurityFixtures.authorization;
import static io.github.rocketmqws.gateway.support.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rocketmqws.gateway.support.SecuredProfile;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Sizes beyond the limits get PAYLOAD_TOO_LARGE and the session goes on; beyond what can be read, close 1009. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class FrameLimitsTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void eachSizeLimitHasItsErrorAndTheSessionGoesOn() {
        String topic = Topics.create("sec-size");
        try (WsClient client = WsClient.connect(uri, authorization(SecurityFixtures.CLIENT_A_KEY))) {
            String bigBody = Base64.getEncoder().encodeToString(new byte[SecuredProfile.MAX_BODY_BYTES + 1]);
            assertTooLarge(client.request(publish(topic, bigBody).put("encoding", "base64")), "body is");

            ObjectNode manyProperties = publish(topic, "x");
            for (int i = 0; i <= SecuredProfile.MAX_PROPERTIES; i++) {
                manyProperties.withObject("properties").put("p" + i, "v");
            }
            assertTooLarge(client.request(manyProperties), "properties, the limit");

            ObjectNode longProperty = publish(topic, "x");
            longProperty.withObject("properties").put("k", "v".repeat(SecuredProfile.MAX_PROPERTIES_BYTES));
            assertTooLarge(client.request(longProperty), "bytes, the limit");

            // Over the frame limit but readable: refused before parsing, so the reply cannot echo an id.
            client.send(publish(topic, "y".repeat(SecuredProfile.MAX_FRAME_BYTES)).toString());
            assertTooLarge(client.awaitFrame(f -> f.path("message").asText().startsWith("frame is")), "characters");

            // A base64 body right at the limit passes: the frame limit leaves room for it.
            String fullBody = Base64.getEncoder().encodeToString(new byte[SecuredProfile.MAX_BODY_BYTES]);
            assertThat(client.request(publish(topic, fullBody).put("encoding", "base64")).path("op").asText())
                    .isEqualTo("published");
        }
    }

    @Test
    void aFrameBeyondWhatTheGatewayReadsClosesOnlyThatSocketWith1009() {
        String topic = Topics.create("sec-size");
        try (WsClient reckless = WsClient.connect(uri, authorization(SecurityFixtures.CLIENT_A_KEY));
                WsClient bystander = WsClient.connect(uri, authorization(SecurityFixtures.CLIENT_B_KEY))) {
            reckless.send(publish(topic, "z".repeat(SecuredProfile.TRANSPORT_MAX_MESSAGE_SIZE + 1)).toString());
            reckless.awaitClosed();
            assertThat(reckless.closeCode()).isEqualTo(1009);
            assertThat(bystander.publish(topic, "unaffected")).isNotBlank();
        }
    }

    private static ObjectNode publish(String topic, String body) {
        return frame("publish").put("topic", topic).put("body", body);
    }

    private static void assertTooLarge(JsonNode reply, String messagePart) {
        assertThat(reply.path("op").asText()).as("reply %s", reply).isEqualTo("error");
        assertThat(reply.path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(reply.path("message").asText()).contains(messagePart);
    }
}
