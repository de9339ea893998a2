package io.github.rocketmqws.gateway.protocol;

import java.util.List;
import java.util.Map;

/** A request from the client. Every request may carry an {@code id} that exactly one reply echoes. */
public sealed interface ClientFrame {
    String id();

    enum FilterType {
        TAG,
        SQL92
    }

    enum AckMode {
        /** The message is acked at the broker only when the client sends {@code ack}. */
        CLIENT,
        /** The message is acked at the broker once it has been written to the socket. */
        AUTO
    }

    record Subscribe(
            String id, String topic, String group, String filter, FilterType filterType, int prefetch, AckMode ackMode)
            implements ClientFrame {}

    record Unsubscribe(String id) implements ClientFrame {}

    record Ack(String id, String receipt) implements ClientFrame {}

    record Nack(String id, String receipt, Long delayMs) implements ClientFrame {}

    record Publish(
            String id,
            String topic,
            byte[] body,
            String tag,
            List<String> keys,
            Map<String, String> properties,
            String messageGroup,
            Long deliverAt)
            implements ClientFrame {}
}
