package io.github.rocketmqws.gateway.broker.rocketmq.remoting;

import io.github.rocketmqws.gateway.broker.BrokerAdmin;
import io.github.rocketmqws.gateway.broker.BrokerSubscription;
import io.github.rocketmqws.gateway.broker.MessageSubscriber;
import io.github.rocketmqws.gateway.broker.SubscriptionSpec;
import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

/** Opens pop-mode subscriptions: the group first (where creating it is allowed), then the topic's route. */
@Singleton
@Typed(PopSubscriber.class)
public class PopSubscriber implements MessageSubscriber {
    private final RemotingClient client;
    private final BrokerAdmin admin;
    private final GatewayConfig config;

    PopSubscriber(RemotingClient client, BrokerAdmin admin, GatewayConfig config) {
        this.client = client;
        this.admin = admin;
        this.config = config;
    }

    @Override
    public Uni<BrokerSubscription> subscribe(SubscriptionSpec spec) {
        return admin.ensureGroup(spec.group())
                .chain(() -> Uni.createFrom().item(() -> client.readableBrokers(spec.topic()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .map(brokers -> new PopSubscription(client, spec, brokers, config.consumer().invisibleDuration(),
                        config.consumer().awaitDuration(), config.rocketmq().requestTimeout()));
    }
}
