package io.github.rocketmqws.gateway.broker.rocketmq;

import io.github.rocketmqws.gateway.broker.BrokerMessage;
import io.github.rocketmqws.gateway.broker.BrokerSubscription;
import io.smallrye.mutiny.Uni;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.client.apis.message.MessageView;

/** A session's subscription on a shared SimpleConsumer: receive, ack and nack map one to one onto the consumer. */
final class RocketMQSubscription implements BrokerSubscription {
    private final ConsumerPool.Lease lease;
    private final String topic;
    private final Duration invisibleDuration;

    RocketMQSubscription(ConsumerPool.Lease lease, String topic, Duration invisibleDuration) {
        this.lease = lease;
        this.topic = topic;
        this.invisibleDuration = invisibleDuration;
    }

    @Override
    public Uni<List<BrokerMessage>> receive(int max) {
        return Uni.createFrom()
                .completionStage(() -> lease.consumer.receiveAsync(max, invisibleDuration))
                .map(views -> views.stream().map(RocketMQSubscription::toMessage).toList())
                .onFailure().transform(failure -> RocketMQErrors.map(failure, "receiving from " + topic));
    }

    @Override
    public Uni<Void> ack(BrokerMessage message) {
        return Uni.createFrom()
                .completionStage(() -> lease.consumer.ackAsync(view(message)))
                .onFailure().transform(failure -> RocketMQErrors.map(failure, "ack of " + message.messageId()));
    }

    @Override
    public Uni<Void> nack(BrokerMessage message, Duration delay) {
        return Uni.createFrom()
                .completionStage(() -> lease.consumer.changeInvisibleDurationAsync(view(message), delay))
                .onFailure().transform(failure -> RocketMQErrors.map(failure, "nack of " + message.messageId()))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> close() {
        lease.release();
        return Uni.createFrom().voidItem();
    }

    private static MessageView view(BrokerMessage message) {
        return (MessageView) message.handle();
    }

    private static BrokerMessage toMessage(MessageView view) {
        ByteBuffer buffer = view.getBody();
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        return new BrokerMessage(
                view.getMessageId().toString(),
                view.getTopic(),
                view.getTag().orElse(null),
                List.copyOf(view.getKeys()),
                view.getProperties(),
                view.getMessageGroup().orElse(null),
                view.getBornTimestamp(),
                view.getDeliveryAttempt(),
                body,
                view);
    }
}
