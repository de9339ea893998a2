package io.github.rocketmqws.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rocketmqws.gateway.support.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Through the gateway: one WebSocket publishes (replies matched by id), one WebSocket per {@link #consume} subscribes
 * with client acks (acks without id) and a large prefetch.
 */
final class GatewayPath implements LoadPath {
    static final int PREFETCH = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final URI uri;
    private final String transport;
    private final Socket publisher;
    private final AtomicLong ids = new AtomicLong();

    GatewayPath(URI uri, String transport) {
        this.uri = WsClient.webSocketUri(uri);
        this.transport = transport;
        this.publisher = new Socket(this.uri, frame -> {});
    }

    @Override
    public String key() {
        return "gateway-" + transport;
    }

    @Override
    public String name() {
        return "gateway (" + transport + ")";
    }

    @Override
    public CompletableFuture<?> publish(String topic, String body) {
        String id = "p" + ids.incrementAndGet();
        return publisher.request(id, JSON.createObjectNode().put("op", "publish").put("id", id).put("topic", topic)
                .put("body", body).toString());
    }

    @Override
    public AutoCloseable consume(String topic, String group, Consumer<String> onBody) throws Exception {
        Socket[] holder = new Socket[1];
        Socket socket = new Socket(uri, frame -> {
            if ("message".equals(frame.path("op").asText())) {
                onBody.accept(frame.path("body").asText());
                holder[0].send(JSON.createObjectNode().put("op", "ack").put("receipt", frame.path("receipt").asText())
                        .toString());
            }
        });
        holder[0] = socket;
        JsonNode reply = socket.request("s", JSON.createObjectNode().put("op", "subscribe").put("id", "s")
                .put("topic", topic).put("group", group).put("prefetch", PREFETCH).put("ackMode", "client")
                .toString()).get(30, TimeUnit.SECONDS);
        if (!"subscribed".equals(reply.path("op").asText())) {
            socket.close();
            throw new IllegalStateException("subscribe failed: " + reply);
        }
        return socket;
    }

    @Override
    public void close() {
        publisher.close();
    }

    /** One WebSocket; the JDK allows one outstanding send, so a single thread writes the queued frames in order. */
    private static final class Socket implements WebSocket.Listener, AutoCloseable {
        private static final String STOP = "";
        private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>();
        private final Consumer<JsonNode> onFrame;
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;
        private final Thread writer;

        Socket(URI uri, Consumer<JsonNode> onFrame) {
            this.onFrame = onFrame;
            this.socket = HTTP.newWebSocketBuilder().buildAsync(uri, this).join();
            this.writer = new Thread(this::writeLoop, "bench-ws-writer");
            writer.setDaemon(true);
            writer.start();
        }

        CompletableFuture<JsonNode> request(String id, String frame) {
            CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            pending.put(id, reply);
            send(frame);
            return reply;
        }

        void send(String frame) {
            outbox.add(frame);
        }

        private void writeLoop() {
            try {
                for (String frame = outbox.take(); frame != STOP; frame = outbox.take()) {
                    socket.sendText(frame, true).join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame = parse(partial.toString());
                partial.setLength(0);
                String id = frame.path("id").asText(null);
                CompletableFuture<JsonNode> reply = id == null ? null : pending.remove(id);
                if (reply == null) {
                    onFrame.accept(frame);
                } else if ("error".equals(frame.path("op").asText())) {
                    reply.completeExceptionally(new IllegalStateException(frame.toString()));
                } else {
                    reply.complete(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        private static JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException("the gateway sent invalid JSON: " + text, e);
            }
        }

        @Override
        public void close() {
            outbox.add(STOP);
            try {
                writer.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                    .join();
            socket.abort();
        }
    }
}
