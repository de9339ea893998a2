package io.github.rocketmqws.gateway.hardening;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rocketmqws.gateway.protocol.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One connection that sends a generator's hostile frames, at most {@code window} unanswered at a time, and checks
 * every reply against the one the contract promises: a reply with an id answers the frame that carried it, a reply
 * without one the oldest unanswered frame whose id the gateway cannot know.
 */
final class HostileSession implements AutoCloseable {
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SETUP_ID = "setup";
    private static final Map<String, ErrorCode> CODES =
            Arrays.stream(ErrorCode.values()).collect(Collectors.toMap(Enum::name, code -> code));

    private final String name;
    private final HostileFrames frames;
    private final Tally tally;
    private final Semaphore window;
    private final Map<String, BadFrame> awaitingById = new ConcurrentHashMap<>();
    private final Queue<BadFrame> awaitingWithoutId = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<JsonNode> setupReply = new CompletableFuture<>();
    private final RawFloodClient client;

    HostileSession(URI uri, String name, HostileFrames frames, Tally tally, int window) throws IOException {
        this.name = name;
        this.frames = frames;
        this.tally = tally;
        this.window = new Semaphore(window);
        this.client = RawFloodClient.connect(uri, name, this::onText);
    }

    /** Subscribes to an idle topic before the flood, so that this session's out-of-order frames meet a subscription. */
    void subscribe(String topic, String group) throws Exception {
        client.sendText(JSON.createObjectNode().put("op", "subscribe").put("id", SETUP_ID).put("topic", topic)
                .put("group", group).toString());
        client.flush();
        JsonNode reply = setupReply.get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!"subscribed".equals(reply.path("op").asText())) {
            throw new AssertionError(name + ": could not subscribe to " + topic + ": " + reply);
        }
    }

    void flood(int count) throws InterruptedException, IOException {
        for (int i = 0; i < count; i++) {
            if (!window.tryAcquire()) {
                // The window is full: only now push the batch out, so frames share TCP segments.
                client.flush();
                if (!window.tryAcquire(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError(name + ": no reply within " + REPLY_TIMEOUT + " to " + outstanding());
                }
            }
            if (client.isClosed()) {
                throw new AssertionError(name + ": the gateway closed the connection after " + i + " frames: "
                        + client.trouble() + "; unanswered: " + outstanding());
            }
            BadFrame frame = frames.next();
            if (frame.id() != null) {
                awaitingById.put(frame.id(), frame);
            } else {
                awaitingWithoutId.add(frame);
            }
            tally.sent(frame);
            if (frame.binary()) {
                client.sendBinary(frame.payload());
            } else {
                client.sendText(frame.payload(), frame.fragments());
            }
        }
        client.flush();
    }

    /** Waits for the replies to the last window of frames; fails naming the frames still unanswered. */
    void awaitReplies() {
        try {
            await(name + " answered").atMost(REPLY_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> awaitingById.isEmpty() && awaitingWithoutId.isEmpty() || client.isClosed());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + ": unanswered after " + REPLY_TIMEOUT + ": " + outstanding(), e);
        }
        if (client.isClosed()) {
            throw new AssertionError(name + ": the gateway closed the connection: " + client.trouble()
                    + "; unanswered: " + outstanding());
        }
    }

    private void onText(String text) {
        try {
            check(text);
        } catch (RuntimeException e) {
            tally.violation(name + ": checking reply " + abbreviate(text) + " failed: " + e);
        }
    }

    private void check(String text) {
        JsonNode reply;
        try {
            reply = JSON.readTree(text);
        } catch (IOException e) {
            tally.violation(name + ": the gateway sent a frame that is not JSON: " + abbreviate(text));
            return;
        }
        String op = reply.path("op").asText();
        String id = reply.path("id").isTextual() ? reply.get("id").asText() : null;
        if (SETUP_ID.equals(id)) {
            setupReply.complete(reply);
            return;
        }
        if (id == null && !"error".equals(op)) {
            tally.violation(name + ": an unrequested '" + op + "' frame: " + abbreviate(text));
            return;
        }
        BadFrame frame = id != null ? awaitingById.remove(id) : awaitingWithoutId.poll();
        if (frame == null) {
            tally.violation(name + ": a reply that answers no frame sent: " + abbreviate(text));
            return;
        }
        window.release();
        ErrorCode code = CODES.get(reply.path("code").asText());
        if (!"error".equals(op) || code == null) {
            violation(frame, "'" + op + "' frame instead of error " + frame.code(), text);
            return;
        }
        tally.replied(frame.category(), code);
        if (code != frame.code()) {
            violation(frame, code + " instead of " + frame.code(), text);
        } else if (frame.receipt() != null && !frame.receipt().equals(reply.path("receipt").asText(null))) {
            violation(frame, "the error does not carry the receipt", text);
        } else if (reply.path("message").asText("").isBlank()) {
            violation(frame, "the error has no message", text);
        }
    }

    private void violation(BadFrame frame, String what, String reply) {
        tally.violation(name + ": " + what + " for " + frame.describe() + "; reply " + abbreviate(reply));
    }

    private String outstanding() {
        long total = awaitingById.size() + awaitingWithoutId.size();
        return total + " frames, first: " + Stream.concat(awaitingWithoutId.stream(), awaitingById.values().stream())
                .limit(5).map(BadFrame::describe).collect(Collectors.joining(" | "));
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    @Override
    public void close() {
        client.close();
    }
}
