package io.github.rocketmqws.gateway.broker.rocketmq;

import io.github.rocketmqws.gateway.broker.MessagePublisher;
import io.github.rocketmqws.gateway.broker.OutboundMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.apache.rocketmq.client.apis.ClientException;
import org.apache.rocketmq.client.apis.message.Message;
import org.apache.rocketmq.client.apis.message.MessageBuilder;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.jboss.logging.Logger;

/** One producer shared by every session, started on first use so the gateway starts even while the broker does not. */
@Singleton
@Typed(RocketMQPublisher.class)
class RocketMQPublisher implements MessagePublisher {
    private static final Logger LOG = Logger.getLogger(RocketMQPublisher.class);

    private final RocketMQClients clients;
    private Uni<Producer> producer; // guarded by this; replaced after a failed start

    RocketMQPublisher(RocketMQClients clients) {
        this.clients = clients;
    }

    @Override
    public Uni<String> publish(OutboundMessage outbound) {
        return Uni.createFrom().item(() -> toMessage(outbound))
                .chain(message -> producer().chain(started -> Uni.createFrom().completionStage(() -> started.sendAsync(message))))
                .map(receipt -> receipt.getMessageId().toString())
                .onFailure().transform(failure -> RocketMQErrors.map(failure, "publish to " + outbound.topic()));
    }

    private synchronized Uni<Producer> producer() {
        if (producer == null) {
            producer = Uni.createFrom().item(this::startProducer)
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .onFailure().invoke(this::forgetProducer)
                    .memoize().indefinitely();
        }
        return producer;
    }

    private Producer startProducer() {
        try {
            return clients.provider.newProducerBuilder().setClientConfiguration(clients.configuration).build();
        } catch (ClientException e) {
            throw RocketMQErrors.map(e, "starting the producer");
        }
    }

    private synchronized void forgetProducer(Throwable failure) {
        LOG.warnf("the producer did not start, the next publish retries: %s", failure.getMessage());
        producer = null;
    }

    private Message toMessage(OutboundMessage outbound) {
        MessageBuilder builder = clients.provider.newMessageBuilder().setTopic(outbound.topic()).setBody(outbound.body());
        if (outbound.tag() != null) {
            builder.setTag(outbound.tag());
        }
        if (!outbound.keys().isEmpty()) {
            builder.setKeys(outbound.keys().toArray(String[]::new));
        }
        outbound.properties().forEach(builder::addProperty);
        if (outbound.messageGroup() != null) {
            builder.setMessageGroup(outbound.messageGroup());
        }
        if (outbound.deliverAt() != null) {
            builder.setDeliveryTimestamp(outbound.deliverAt());
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw RocketMQErrors.map(new IllegalArgumentException(e.getMessage(), e), "building the message");
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer == null) {
            return;
        }
        try {
            producer.await().indefinitely().close();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("closing the producer: %s", e.getMessage());
        }
    }
}
