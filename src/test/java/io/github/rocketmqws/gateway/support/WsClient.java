package io.github.rocketmqws.gateway.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A plain WebSocket client of the gateway (the JDK's), recording every frame it receives. */
public final class WsClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();
    // One client for all sockets: each HttpClient brings threads of its own.
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private volatile boolean closed;
    private volatile int closeCode = -1;
    private volatile String closeReason;

    private WsClient(HttpClient http, URI uri, Map<String, String> headers, List<String> subprotocols) {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Connects to {@code uri}; an http(s) URI, as {@code @TestHTTPResource} gives, is taken as ws(s). */
    public static WsClient connect(URI uri) {
        return new WsClient(HTTP, webSocketUri(uri), Map.of(), List.of());
    }

    /** Connects with extra upgrade headers ({@code Authorization}, {@code Origin} is restricted by the JDK). */
    public static WsClient connect(URI uri, Map<String, String> headers) {
        return new WsClient(HTTP, webSocketUri(uri), headers, List.of());
    }

    /** Connects through {@code http}, e.g. one that trusts a test certificate for {@code wss://}. */
    public static WsClient connect(HttpClient http, URI uri, Map<String, String> headers) {
        return new WsClient(http, webSocketUri(uri), headers, List.of());
    }

    /** Connects offering {@code subprotocols}, as a browser does (the only upgrade header it can set). */
    public static WsClient connectOffering(URI uri, List<String> subprotocols) {
        return new WsClient(HTTP, webSocketUri(uri), Map.of(), subprotocols);
    }

    /** The subprotocol the gateway selected, empty when none. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public static URI webSocketUri(URI uri) {
        return URI.create(uri.toString().replaceFirst("^http", "ws"));
    }

    public static ObjectNode frame(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    /** Sends a frame with a fresh id and returns the reply that echoes it. */
    public JsonNode request(ObjectNode frame) {
        String id = "req-" + IDS.incrementAndGet();
        frame.put("id", id);
        send(frame.toString());
        return awaitFrame(reply -> id.equals(reply.path("id").asText(null)));
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(java.nio.ByteBuffer data) {
        socket.sendBinary(data, true).join();
    }

    public JsonNode subscribe(String topic, String group, int prefetch) {
        return request(frame("subscribe").put("topic", topic).put("group", group).put("prefetch", prefetch));
    }

    public String publish(String topic, String body) {
        JsonNode reply = request(frame("publish").put("topic", topic).put("body", body));
        if (!"published".equals(reply.path("op").asText())) {
            throw new AssertionError("publish failed: " + reply);
        }
        return reply.path("messageId").asText();
    }

    public void ack(JsonNode message) {
        send(frame("ack").put("receipt", message.path("receipt").asText()).toString());
    }

    public JsonNode awaitFrame(Predicate<JsonNode> matching) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(TIMEOUT).pollInterval(10, TimeUnit.MILLISECONDS).until(() -> {
            frames.stream().filter(matching).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    public List<JsonNode> messages() {
        return frames.stream().filter(frame -> "message".equals(frame.path("op").asText())).toList();
    }

    public List<JsonNode> awaitMessages(int count) {
        await().atMost(TIMEOUT).pollInterval(10, TimeUnit.MILLISECONDS).until(() -> messages().size() >= count);
        return messages();
    }

    public List<JsonNode> awaitFrames(int count) {
        await().atMost(TIMEOUT).pollInterval(10, TimeUnit.MILLISECONDS).until(() -> frames.size() >= count);
        return frames();
    }

    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    public boolean isClosed() {
        return closed;
    }

    /** The close code the gateway sent, or -1 while open (or when the connection broke without one). */
    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    /** Waits until the gateway closes the connection. */
    public WsClient awaitClosed() {
        await().atMost(TIMEOUT).pollInterval(10, TimeUnit.MILLISECONDS).until(() -> closed);
        return this;
    }

    /** Drops the TCP connection without a closing handshake, as a crashed client would. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("the gateway sent invalid JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closeReason = reason;
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
        }
    }
}
