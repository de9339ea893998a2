package io.github.rocketmqws.gateway.hardening;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

/**
 * The well-behaved client: it publishes numbered messages (pipelined, below the gateway's pending-publish limit)
 * and consumes them on the same connection with client acks, so that everything it does crosses the flood.
 */
final class GoodSession implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PUBLISH_WINDOW = 128; // gateway.limits.max-pending-publishes is 256
    private static final int PREFETCH = 256;
    private static final String BODY = "good-";

    private final int count;
    private final FloodClient client;
    private final Semaphore publishWindow = new Semaphore(PUBLISH_WINDOW);
    private final AtomicIntegerArray deliveries;
    private final Set<String> publishedIds = ConcurrentHashMap.newKeySet();
    private final Set<String> deliveredIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger redelivered = new AtomicInteger();
    private final AtomicInteger acked = new AtomicInteger();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final Map<String, CompletableFuture<JsonNode>> requests = new ConcurrentHashMap<>();

    GoodSession(URI uri, int count) {
        this.count = count;
        this.deliveries = new AtomicIntegerArray(count);
        this.client = FloodClient.connect(uri, this::onText);
    }

    void subscribe(String topic, String group) throws Exception {
        JsonNode reply = request(JSON.createObjectNode().put("op", "subscribe").put("topic", topic).put("group", group)
                .put("prefetch", PREFETCH).put("ackMode", "client"));
        if (!"subscribed".equals(reply.path("op").asText())) {
            throw new AssertionError("the good session could not subscribe: " + reply);
        }
    }

    void publishAll(String topic) throws InterruptedException {
        for (int n = 0; n < count; n++) {
            if (!publishWindow.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no publish confirmed within " + TIMEOUT + "; published " + published + " of " + n);
            }
            client.sendText(JSON.createObjectNode().put("op", "publish").put("id", "p" + n).put("topic", topic)
                    .put("body", BODY + n).toString());
        }
    }

    /** Waits until every message was published, delivered and its ack confirmed. */
    void awaitAllAcked() {
        await("the good session's messages are acked").atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> published.get() == count && acked.get() == count || !problems.isEmpty() || client.isClosed());
    }

    /**
     * After every ack, a fresh subscription of the same group must get nothing back: RocketMQ saw every ack, and no
     * message stayed behind in the gateway.
     */
    void awaitNothingComesBack(String topic, String group) throws Exception {
        JsonNode reply = request(JSON.createObjectNode().put("op", "unsubscribe"));
        if (!"unsubscribed".equals(reply.path("op").asText())) {
            throw new AssertionError("the good session could not unsubscribe: " + reply);
        }
        int before = delivered.get();
        subscribe(topic, group);
        await("nothing comes back").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> delivered.get() == before);
    }

    int published() {
        return published.get();
    }

    int delivered() {
        return delivered.get();
    }

    int distinctDelivered() {
        return (int) IntStream.range(0, count).filter(n -> deliveries.get(n) > 0).count();
    }

    int duplicates() {
        return duplicates.get();
    }

    int redelivered() {
        return redelivered.get();
    }

    int acked() {
        return acked.get();
    }

    int lostCount() {
        return count - distinctDelivered();
    }

    List<Integer> lost() {
        return IntStream.range(0, count).filter(n -> deliveries.get(n) == 0).limit(20).boxed().toList();
    }

    /** Message ids delivered that no publish of this session confirmed, or confirmed and never delivered. */
    Set<String> unmatchedIds() {
        Set<String> unmatched = ConcurrentHashMap.newKeySet();
        deliveredIds.stream().filter(id -> !publishedIds.contains(id)).forEach(unmatched::add);
        publishedIds.stream().filter(id -> !deliveredIds.contains(id)).forEach(unmatched::add);
        return unmatched;
    }

    /** Unexpected frames, and what went wrong with the connection. */
    List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        if (client.trouble() != null) {
            all.add(client.trouble());
        }
        return all;
    }

    private JsonNode request(ObjectNode frame) throws Exception {
        String id = "request-" + requests.size();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        requests.put(id, reply);
        client.sendText(frame.put("id", id).toString());
        return reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void onText(String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            CompletableFuture<JsonNode> reply = requests.get(frame.path("id").asText(""));
            if (reply != null && !reply.isDone()) {
                reply.complete(frame);
                return;
            }
            switch (frame.path("op").asText()) {
                case "published" -> {
                    published.incrementAndGet();
                    publishedIds.add(frame.path("messageId").asText());
                    publishWindow.release();
                }
                case "message" -> onMessage(frame);
                case "acked" -> acked.incrementAndGet();
                default -> {
                    problems.add("unexpected frame: " + text);
                    if (frame.path("id").asText("").startsWith("p")) {
                        publishWindow.release();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("cannot handle " + text + ": " + e);
        }
    }

    private void onMessage(JsonNode message) {
        delivered.incrementAndGet();
        String body = message.path("body").asText();
        int n = body.startsWith(BODY) ? Integer.parseInt(body.substring(BODY.length())) : -1;
        if (n < 0 || n >= count) {
            problems.add("a message this session never published: " + message);
        } else if (deliveries.incrementAndGet(n) > 1) {
            duplicates.incrementAndGet();
        }
        if (message.path("deliveryAttempt").asInt() != 1) {
            redelivered.incrementAndGet();
        }
        deliveredIds.add(message.path("messageId").asText());
        String receipt = message.path("receipt").asText();
        client.sendText(JSON.createObjectNode().put("op", "ack").put("id", "a-" + receipt).put("receipt", receipt).toString());
    }

    @Override
    public void close() {
        client.close();
    }
}
