package io.github.rocketmqws.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rocketmqws.gateway.support.RawSocketClient;
import java.io.IOException;
import java.net.URI;

/**
 * A subscriber that reads its socket until the gateway confirms the subscription, then never again while the TCP
 * connection stays open: the slow consumer of {@link SlowConsumerBench}.
 */
final class StalledSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RawSocketClient socket;
    private final int messagesRead;

    private StalledSession(RawSocketClient socket, int messagesRead) {
        this.socket = socket;
        this.messagesRead = messagesRead;
    }

    static StalledSession subscribe(URI uri, String topic, String group, int prefetch, String ackMode)
            throws IOException {
        RawSocketClient socket = RawSocketClient.connect(uri);
        socket.sendText(JSON.createObjectNode().put("op", "subscribe").put("id", "s").put("topic", topic)
                .put("group", group).put("prefetch", prefetch).put("ackMode", ackMode).toString());
        int messages = 0;
        while (true) {
            JsonNode frame = JSON.readTree(socket.readText());
            switch (frame.path("op").asText()) {
                case "subscribed" -> {
                    return new StalledSession(socket, messages);
                }
                case "message" -> messages++;
                default -> {
                    socket.close();
                    throw new IllegalStateException("subscribe failed: " + frame);
                }
            }
        }
    }

    /** Messages that came before the {@code subscribed} reply and were read; every later one stays unread. */
    int messagesRead() {
        return messagesRead;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
