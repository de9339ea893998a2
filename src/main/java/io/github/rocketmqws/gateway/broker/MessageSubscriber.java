package io.github.rocketmqws.gateway.broker;

import io.smallrye.mutiny.Uni;

/** Opens subscriptions; the adapter decides whether sessions with the same spec share a consumer. */
public interface MessageSubscriber {
    Uni<BrokerSubscription> subscribe(SubscriptionSpec spec);
}
