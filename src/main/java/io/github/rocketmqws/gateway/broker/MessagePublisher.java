package io.github.rocketmqws.gateway.broker;

import io.smallrye.mutiny.Uni;

/** Publishes messages; one publisher serves every session. */
public interface MessagePublisher {
    /** Emits the broker's message id, or fails with a {@code GatewayException}. */
    Uni<String> publish(OutboundMessage message);
}
