package io.github.rocketmqws.gateway.broker.rocketmq;

import io.github.rocketmqws.gateway.broker.BrokerAdmin;
import io.github.rocketmqws.gateway.broker.BrokerSubscription;
import io.github.rocketmqws.gateway.broker.MessageSubscriber;
import io.github.rocketmqws.gateway.broker.SubscriptionSpec;
import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

/** Opens subscriptions on pooled SimpleConsumers, creating the consumer group first where that is allowed. */
@Singleton
@Typed(RocketMQSubscriber.class)
class RocketMQSubscriber implements MessageSubscriber {
    private final ConsumerPool pool;
    private final BrokerAdmin admin;
    private final GatewayConfig config;

    RocketMQSubscriber(ConsumerPool pool, BrokerAdmin admin, GatewayConfig config) {
        this.pool = pool;
        this.admin = admin;
        this.config = config;
    }

    @Override
    public Uni<BrokerSubscription> subscribe(SubscriptionSpec spec) {
        return admin.ensureGroup(spec.group())
                .chain(() -> pool.acquire(spec))
                .map(lease -> new RocketMQSubscription(lease, spec.topic(), config.consumer().invisibleDuration()));
    }
}
