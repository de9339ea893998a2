package io.github.rocketmqws.gateway.bench;

import static io.github.rocketmqws.gateway.bench.LightClients.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Through the gateway: one WebSocket publishes (replies matched by id), one WebSocket per {@link #consume} subscribes
 * with client acks (acks without id) and a large prefetch. The sockets are {@link LightClients}: Vert.x event loops of
 * the benchmark's own, which read and write without a thread hop of their own.
 */
final class GatewayPath implements LoadPath {
    static final int PREFETCH = 1000;
    private final String transport;
    private final LightClients clients;
    private final LightClients.Socket publisher;

    GatewayPath(URI uri, String transport) throws Exception {
        this.transport = transport;
        this.clients = new LightClients(uri, 16);
        this.publisher = clients.open((socket, frame) -> {}).get(30, TimeUnit.SECONDS);
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
        return publisher.request(JSON.createObjectNode().put("op", "publish").put("topic", topic).put("body", body));
    }

    @Override
    public AutoCloseable consume(String topic, String group, Consumer<String> onBody) throws Exception {
        LightClients.Socket socket = clients.open((self, frame) -> {
            if ("message".equals(frame.path("op").asText())) {
                onBody.accept(frame.path("body").asText());
                self.send(JSON.createObjectNode().put("op", "ack").put("receipt", frame.path("receipt").asText()));
            }
        }).get(30, TimeUnit.SECONDS);
        JsonNode reply = socket.request(JSON.createObjectNode().put("op", "subscribe").put("topic", topic)
                .put("group", group).put("prefetch", PREFETCH).put("ackMode", "client")).get(30, TimeUnit.SECONDS);
        if (!"subscribed".equals(reply.path("op").asText())) {
            LightClients.closeAll(java.util.List.of(socket));
            throw new IllegalStateException("subscribe failed: " + reply);
        }
        return () -> LightClients.closeAll(java.util.List.of(socket));
    }

    @Override
    public void close() {
        clients.close();
    }
}
