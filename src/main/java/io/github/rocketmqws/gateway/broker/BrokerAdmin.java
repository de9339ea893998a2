package io.github.rocketmqws.gateway.broker;

import io.smallrye.mutiny.Uni;

/** The few administrative operations the gateway needs: dev topics, missing consumer groups, reachability. */
public interface BrokerAdmin {
    /** Creates the consumer group unless it exists; fails with GROUP_NOT_FOUND when creation is not allowed. */
    Uni<Void> ensureGroup(String group);

    /** Creates the topic (if missing) and waits until it is routable. */
    Uni<Void> createTopic(String topic);

    /** Emits true when the broker answers. Never fails. */
    Uni<Boolean> reachable();
}
