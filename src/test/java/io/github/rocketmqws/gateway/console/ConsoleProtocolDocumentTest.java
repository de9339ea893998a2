package io.github.rocketmqws.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console's protocol module against the examples of docs/protocol.md, run in the browser: the frames it builds
 * are the documented client frames, and it reads every documented server frame. ProtocolDocumentTest replays the same
 * examples against the gateway, so the module, the document and the gateway cannot drift apart.
 */
@QuarkusTest
class ConsoleProtocolDocumentTest extends ConsoleBrowser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLOCK = Pattern.compile("```json (client|server)\\n(.*?)\\n```", Pattern.DOTALL);

    // The documented client frames, built with the module's API (by their documented id). The frames the module cannot
    // produce on purpose (not JSON, an unknown op, a body that is not a string, an ack without id) are left out.
    private static final String BUILD = """
            const frames = arguments[0];
            const done = arguments[arguments.length - 1];
            import('/js/protocol.js').then((m) => {
              const p = new m.Protocol();
              const built = {
                s1: p.subscribe('TopicTest', 'docs-example', {filter: '*', prefetch: 32, ackMode: 'client'}),
                p1: p.publish('TopicTest', 'hello', {tag: 'greeting', keys: ['k-1'], properties: {lang: 'en'}}),
                a1: p.ack('<r1>'),
                p2: p.publish('TopicTest', new Uint8Array([0x00, 0xff, 0x10])),
                n1: p.nack('<r2>', 1000),
                e2: p.subscribe('TopicTest', 'docs-example'),
                e3: p.ack('no-such-receipt'),
                e4: p.publish('bad topic!', 'x'),
                e6: p.publish('NoSuchTopic', 'x'),
                u1: p.unsubscribe(),
                e7: p.ack('<r1>'),
              };
              const reader = new m.Protocol();
              const events = frames.map((text) => {
                try {
                  const event = reader.receive(text);
                  return {kind: event.kind, bytes: event.message ? Array.from(event.message.bytes) : null,
                          code: event.error ? event.error.code : null};
                } catch (e) {
                  return {kind: 'rejected', code: e.code, message: e.message};
                }
              });
              const out = {};
              for (const [id, request] of Object.entries(built)) out[id] = JSON.parse(request.text);
              done(JSON.stringify({built: out, events}));
            }).catch((e) => done(JSON.stringify({error: String(e)})));
            """;

    @Test
    void aReplacementCharacterIsSentEscapedBecauseTheGatewayRefusesItRaw() {
        ConsolePage.open(browser().driver(), root);
        String text = (String) ((JavascriptExecutor) browser().driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/protocol.js').then((m) => done(new m.Protocol().publish('t', 'broken: \\uFFFD').text));
                """);
        assertThat(text).contains("broken: \\ufffd").doesNotContain("\uFFFD");
    }

    @Test
    void theModuleBuildsTheDocumentedFramesAndReadsEveryDocumentedReply() throws IOException {
        Map<String, JsonNode> documentedRequests = new LinkedHashMap<>();
        List<JsonNode> documentedReplies = new ArrayList<>();
        ObjectNode firstDelivery = null;
        Matcher block = BLOCK.matcher(Files.readString(Path.of("docs", "protocol.md")));
        while (block.find()) {
            String text = block.group(2).trim();
            if (block.group(1).equals("server")) {
                // placeholders stand for values of the gateway's choosing: a time, or an opaque string
                ObjectNode reply = (ObjectNode) JSON.readTree(
                        text.replace("\"<born>\"", "1764108000000").replaceAll("\"<([a-z0-9]+)>\"", "\"$1\""));
                if (reply.get("op").asText().equals("message")) {
                    // after its first full delivery the document shows only the fields that differ
                    firstDelivery = firstDelivery == null ? reply : firstDelivery;
                    reply = firstDelivery.deepCopy().setAll(reply);
                }
                documentedReplies.add(reply);
            } else if (text.startsWith("{")) {
                JsonNode frame = JSON.readTree(text);
                if (frame.has("id")) {
                    documentedRequests.put(frame.get("id").asText(), frame);
                }
            }
        }
        ConsolePage.open(browser().driver(), root);
        List<String> replyTexts = documentedReplies.stream().map(JsonNode::toString).toList();
        JsonNode result = JSON.readTree((String) ((JavascriptExecutor) browser().driver()).executeAsyncScript(BUILD, replyTexts));
        assertThat(result.has("error")).as("%s", result).isFalse();

        JsonNode built = result.get("built");
        built.fieldNames().forEachRemaining(id -> assertThat(withoutId(built.get(id)))
                .as("the module's frame for documented request %s", id)
                .isEqualTo(withoutId(documentedRequests.get(id))));
        assertThat(built.size()).as("documented requests the module builds").isEqualTo(11);

        JsonNode events = result.get("events");
        assertThat(events).hasSize(documentedReplies.size());
        for (int i = 0; i < documentedReplies.size(); i++) {
            String op = documentedReplies.get(i).get("op").asText();
            String expected = switch (op) {
                case "message" -> "delivery";
                case "error" -> "notice"; // nothing is pending in this reader: an error answers no request of its own
                default -> "reply";
            };
            assertThat(events.get(i).get("kind").asText()).as("event of %s", documentedReplies.get(i)).isEqualTo(expected);
        }
        assertThat(events.findValues("bytes").stream().filter(JsonNode::isArray).map(JsonNode::toString))
                .as("decoded bodies of the documented deliveries")
                .contains("[104,101,108,108,111]", "[0,255,16]");
    }

    private static JsonNode withoutId(JsonNode frame) {
        ObjectNode copy = frame.deepCopy();
        copy.remove("id");
        return copy;
    }
}
