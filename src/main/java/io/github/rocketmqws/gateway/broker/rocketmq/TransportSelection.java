package io.github.rocketmqws.gateway.broker.rocketmq;

import io.github.rocketmqws.gateway.broker.MessagePublisher;
import io.github.rocketmqws.gateway.broker.MessageSubscriber;
import io.github.rocketmqws.gateway.broker.rocketmq.remoting.PopSubscriber;
import io.github.rocketmqws.gateway.broker.rocketmq.remoting.RemotingPublisher;
import io.github.rocketmqws.gateway.config.GatewayConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one place that knows there are two transports: the session layer asks for a publisher and a subscriber and
 * gets those of {@code gateway.rocketmq.transport}. The other transport's beans are never created.
 */
class TransportSelection {
    @Produces
    @Singleton
    MessagePublisher publisher(GatewayConfig config, Instance<RocketMQPublisher> grpc, Instance<RemotingPublisher> remoting) {
        return remoting(config) ? remoting.get() : grpc.get();
    }

    @Produces
    @Singleton
    MessageSubscriber subscriber(GatewayConfig config, Instance<RocketMQSubscriber> grpc, Instance<PopSubscriber> remoting) {
        return remoting(config) ? remoting.get() : grpc.get();
    }

    private static boolean remoting(GatewayConfig config) {
        return config.rocketmq().transport() == GatewayConfig.RocketMQ.Transport.REMOTING;
    }
}
