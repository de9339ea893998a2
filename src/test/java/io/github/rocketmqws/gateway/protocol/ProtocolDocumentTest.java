package io.github.rocketmqws.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Replays the frame-by-frame examples of docs/protocol.md against the gateway: the document cannot drift from what
 * the gateway does. Server frames match when every documented field is equal; "<name>" values match anything and are
 * remembered for later frames, except "<any>", which is never remembered.
 */
@QuarkusTest
class ProtocolDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLOCK = Pattern.compile("```json (client|server)\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("^<([a-z0-9]+)>$");

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void everyDocumentedExampleBehavesAsDocumented() throws IOException {
        List<String[]> blocks = blocks(Files.readString(Path.of("docs", "protocol.md")));
        assertThat(blocks).hasSizeGreaterThan(20);
        // The document speaks of TopicTest and docs-example; a fresh topic and group keep the replay independent of
        // whatever else this broker has seen.
        String topic = Topics.create("docs");
        String group = Topics.group("docs");
        Map<String, JsonNode> remembered = new HashMap<>();
        Set<Integer> consumed = new HashSet<>();
        try (WsClient client = WsClient.connect(uri)) {
            for (String[] block : blocks) {
                String text = block[1].replace("\"TopicTest\"", "\"" + topic + "\"").replace("\"docs-example\"", "\"" + group + "\"");
                if (block[0].equals("client")) {
                    client.send(substitute(text, remembered));
                } else {
                    JsonNode expected = JSON.readTree(text);
                    await().atMost(WsClient.TIMEOUT).untilAsserted(() ->
                            assertThat(findMatch(client.frames(), expected, consumed, remembered))
                                    .as("a frame matching %s among %s", expected, client.frames())
                                    .isTrue());
                }
            }
        }
    }

    private static List<String[]> blocks(String markdown) {
        List<String[]> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(markdown);
        while (matcher.find()) {
            blocks.add(new String[] {matcher.group(1), matcher.group(2).trim()});
        }
        return blocks;
    }

    private static String substitute(String frame, Map<String, JsonNode> remembered) {
        String result = frame;
        for (Map.Entry<String, JsonNode> entry : remembered.entrySet()) {
            result = result.replace("\"<" + entry.getKey() + ">\"", entry.getValue().toString());
        }
        return result;
    }

    private static boolean findMatch(List<JsonNode> frames, JsonNode expected, Set<Integer> consumed, Map<String, JsonNode> remembered) {
        for (int i = 0; i < frames.size(); i++) {
            Map<String, JsonNode> captured = new HashMap<>();
            if (!consumed.contains(i) && matches(expected, frames.get(i), remembered, captured)) {
                consumed.add(i);
                remembered.putAll(captured);
                return true;
            }
        }
        return false;
    }

    private static boolean matches(JsonNode expected, JsonNode actual, Map<String, JsonNode> remembered, Map<String, JsonNode> captured) {
        if (expected instanceof TextNode text && PLACEHOLDER.matcher(text.asText()).matches()) {
            String name = PLACEHOLDER.matcher(text.asText()).replaceAll("$1");
            if (name.equals("any")) {
                return actual != null && !actual.isMissingNode();
            }
            JsonNode known = remembered.containsKey(name) ? remembered.get(name) : captured.get(name);
            if (known != null) {
                return known.equals(actual);
            }
            captured.put(name, actual);
            return actual != null && !actual.isMissingNode();
        }
        if (expected instanceof ObjectNode object) {
            if (actual == null || !actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!matches(field.getValue(), actual.get(field.getKey()), remembered, captured)) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }
}
