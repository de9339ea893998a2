package io.github.rocketmqws.gateway.broker;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;

/**
 * One session's view of a broker consumer. Nothing is received unless asked for, which is what lets the session
 * turn its credit into broker demand. Every method is asynchronous and never blocks the caller.
 */
public interface BrokerSubscription {
    /** Waits (long polling) for at most {@code max} messages; may emit an empty list. */
    Uni<List<BrokerMessage>> receive(int max);

    Uni<Void> ack(BrokerMessage message);

    /** Makes the message visible again after {@code delay}; the broker redelivers it with attempt + 1. */
    Uni<Void> nack(BrokerMessage message, Duration delay);

    /** Releases the session's share of the consumer. Messages still un-acked must be nacked first. */
    Uni<Void> close();
}
