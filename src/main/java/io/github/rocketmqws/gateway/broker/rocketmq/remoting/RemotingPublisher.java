package io.github.rocketmqws.gateway.broker.rocketmq.remoting;

import io.github.rocketmqws.gateway.broker.MessagePublisher;
import io.github.rocketmqws.gateway.broker.OutboundMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Publishes with the classic producer. A message group becomes the queue choice (the group's hash), which is how
 * the classic client keeps one group's messages in order.
 */
@Singleton
@Typed(RemotingPublisher.class)
public class RemotingPublisher implements MessagePublisher {
    private static final MessageQueueSelector BY_GROUP = (List<MessageQueue> queues, Message message, Object group) ->
            queues.get(Math.floorMod(group.hashCode(), queues.size()));

    private final RemotingClient client;

    RemotingPublisher(RemotingClient client) {
        this.client = client;
    }

    @Override
    public Uni<String> publish(OutboundMessage outbound) {
        // Starting the producer blocks, so the first publishes go through a worker thread. After that, the async send
        // only queues the message for the producer's own sender threads, and the frame's thread may call it: one
        // thread hop less per publish.
        DefaultMQProducer started = client.startedProducer();
        Uni<DefaultMQProducer> ready = started != null ? Uni.createFrom().item(started)
                : Uni.createFrom().item(client::producer).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return ready
                .chain(producer -> send(producer, toMessage(outbound)))
                .onFailure().transform(failure -> RemotingErrors.map(failure, "publish to " + outbound.topic()));
    }

    private static Uni<String> send(DefaultMQProducer producer, Message message) {
        String group = message.getProperty(MessageConst.PROPERTY_SHARDING_KEY);
        return Uni.createFrom().emitter(emitter -> {
            SendCallback callback = new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    // Any status here means stored (the others only say a flush or a replica lagged), as the gRPC
                    // path reports it too.
                    emitter.complete(result.getMsgId());
                }

                @Override
                public void onException(Throwable failure) {
                    emitter.fail(failure);
                }
            };
            try {
                if (group == null) {
                    producer.send(message, callback);
                } else {
                    producer.send(message, BY_GROUP, group, callback);
                }
            } catch (Exception e) {
                emitter.fail(e);
            }
        });
    }

    private static Message toMessage(OutboundMessage outbound) {
        Message message = new Message(outbound.topic(), outbound.body());
        if (outbound.tag() != null) {
            message.setTags(outbound.tag());
        }
        if (!outbound.keys().isEmpty()) {
            message.setKeys(outbound.keys());
        }
        outbound.properties().forEach(message::putUserProperty);
        if (outbound.messageGroup() != null) {
            // The property the gRPC path sets too, so a consumer on either transport sees the message group.
            MessageAccessor.putProperty(message, MessageConst.PROPERTY_SHARDING_KEY, outbound.messageGroup());
        }
        if (outbound.deliverAt() != null) {
            message.setDeliverTimeMs(outbound.deliverAt());
        }
        return message;
    }
}
