package io.github.rocketmqws.gateway.endpoint;

import static io.github.rocketmqws.gateway.support.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every bad frame gets its error frame; the session and every other session go on as if nothing happened. */
@QuarkusTest
class HostileFramesTest {
    private static final List<String[]> BAD_FRAMES = List.of(
            new String[] {"{not json", "BAD_FRAME"},
            new String[] {"[1,2,3]", "BAD_FRAME"},
            new String[] {"\"just a string\"", "BAD_FRAME"},
            new String[] {"{\"no\":\"op\"}", "BAD_FRAME"},
            new String[] {"{\"op\":\"launch\",\"id\":\"x\"}", "UNKNOWN_OP"},
            new String[] {"{\"op\":\"subscribe\",\"id\":\"x\",\"topic\":5,\"group\":\"g\"}", "INVALID_ARGUMENT"},
            new String[] {"{\"op\":\"subscribe\",\"id\":\"x\",\"topic\":\"t\"}", "INVALID_ARGUMENT"},
            new String[] {"{\"op\":\"subscribe\",\"id\":\"x\",\"topic\":\"../etc\",\"group\":\"g\"}", "INVALID_ARGUMENT"},
            new String[] {"{\"op\":\"subscribe\",\"id\":\"x\",\"topic\":\"t\",\"group\":\"" + "g".repeat(300) + "\"}", "INVALID_ARGUMENT"},
            new String[] {"{\"op\":\"publish\",\"id\":\"x\",\"topic\":\"t\",\"body\":[]}", "INVALID_ARGUMENT"},
            new String[] {"{\"op\":\"ack\",\"id\":\"x\",\"receipt\":\"r\"}", "NOT_SUBSCRIBED"},
            new String[] {"{\"op\":\"unsubscribe\",\"id\":\"x\"}", "NOT_SUBSCRIBED"},
            new String[] {"{\"op\":\"publish\",\"id\":\"x\",\"topic\":\"t\",\"body\":\"" + "b".repeat(4 * 1024 * 1024 + 1) + "\"}",
                    "PAYLOAD_TOO_LARGE"});

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void badFramesGetErrorsAndNobodyIsDisturbed() {
        String topic = Topics.create("hostile");
        try (WsClient hostile = WsClient.connect(uri); WsClient bystander = WsClient.connect(uri)) {
            bystander.subscribe(topic, Topics.group("bystander"), 10);
            for (String[] bad : BAD_FRAMES) {
                int before = hostile.frames().size();
                hostile.send(bad[0]);
                JsonNode error = hostile.awaitFrames(before + 1).get(before);
                assertThat(error.path("op").asText()).as("reply to %.80s", bad[0]).isEqualTo("error");
                assertThat(error.path("code").asText()).as("code for %.80s", bad[0]).isEqualTo(bad[1]);
                assertThat(error.path("message").asText()).isNotBlank();
            }
            assertThat(hostile.isClosed()).isFalse();

            // The hostile session still works, and the bystander saw nothing but its own message.
            hostile.publish(topic, "still here");
            assertThat(bystander.awaitMessages(1).get(0).path("body").asText()).isEqualTo("still here");
            assertThat(bystander.frames()).extracting(f -> f.path("op").asText()).doesNotContain("error");
        }
    }

    @Test
    void aBinaryFrameIsABadFrame() {
        try (WsClient client = WsClient.connect(uri)) {
            client.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertThat(client.awaitFrame(f -> true).path("code").asText()).isEqualTo("BAD_FRAME");
            assertThat(client.request(frame("unsubscribe")).path("code").asText()).isEqualTo("NOT_SUBSCRIBED");
        }
    }
}
