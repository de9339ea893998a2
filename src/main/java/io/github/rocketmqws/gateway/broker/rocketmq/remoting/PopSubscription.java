package io.github.rocketmqws.gateway.broker.rocketmq.remoting;

import io.github.rocketmqws.gateway.broker.BrokerMessage;
import io.github.rocketmqws.gateway.broker.BrokerSubscription;
import io.github.rocketmqws.gateway.broker.SubscriptionSpec;
import io.github.rocketmqws.gateway.protocol.ErrorCode;
import io.github.rocketmqws.gateway.protocol.GatewayException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.AckCallback;
import org.apache.rocketmq.client.consumer.AckResult;
import org.apache.rocketmq.client.consumer.AckStatus;
import org.apache.rocketmq.client.consumer.PopCallback;
import org.apache.rocketmq.client.consumer.PopResult;
import org.apache.rocketmq.client.consumer.PopStatus;
import org.apache.rocketmq.common.constant.ConsumeInitMode;
import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.header.AckMessageRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.ChangeInvisibleTimeRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.ExtraInfoUtil;
import org.apache.rocketmq.remoting.protocol.header.PopMessageRequestHeader;

/**
 * A session's subscription in the broker's pop mode, the same primitive the 5.x Proxy serves SimpleConsumers with:
 * pop (long polling, with an invisible time), ack, and change-invisible-time for a nack. It holds no consumer
 * object: every request rides the gateway's one {@link RemotingClient}. Brokers of the topic take turns.
 */
final class PopSubscription implements BrokerSubscription {
    private final RemotingClient client;
    private final SubscriptionSpec spec;
    private final List<RemotingClient.ReadableBroker> brokers;
    private final Duration invisibleDuration;
    private final Duration awaitDuration;
    private final long requestTimeoutMillis;
    private final AtomicInteger turn = new AtomicInteger();

    PopSubscription(
            RemotingClient client,
            SubscriptionSpec spec,
            List<RemotingClient.ReadableBroker> brokers,
            Duration invisibleDuration,
            Duration awaitDuration,
            Duration requestTimeout) {
        this.client = client;
        this.spec = spec;
        this.brokers = brokers;
        this.invisibleDuration = invisibleDuration;
        this.awaitDuration = awaitDuration;
        this.requestTimeoutMillis = requestTimeout.toMillis();
    }

    @Override
    public Uni<List<BrokerMessage>> receive(int max) {
        RemotingClient.ReadableBroker broker = brokers.get(Math.floorMod(turn.getAndIncrement(), brokers.size()));
        PopMessageRequestHeader request = new PopMessageRequestHeader();
        request.setConsumerGroup(spec.group());
        request.setTopic(spec.topic());
        request.setQueueId(-1); // every queue of the topic on this broker
        request.setMaxMsgNums(max);
        request.setInvisibleTime(invisibleDuration.toMillis());
        request.setPollTime(awaitDuration.toMillis());
        request.setBornTime(System.currentTimeMillis());
        request.setInitMode(ConsumeInitMode.MAX); // as the Proxy does: a new group starts at the end
        request.setExpType(spec.filterType().name());
        request.setExp(spec.filter());
        request.setOrder(false);
        return Uni.createFrom().<PopResult>emitter(emitter -> {
                    try {
                        client.api().popMessageAsync(broker.name(), broker.address(), request,
                                awaitDuration.toMillis() + requestTimeoutMillis, new PopCallback() {
                                    @Override
                                    public void onSuccess(PopResult result) {
                                        emitter.complete(result);
                                    }

                                    @Override
                                    public void onException(Throwable failure) {
                                        emitter.fail(failure);
                                    }
                                });
                    } catch (Exception e) {
                        emitter.fail(e);
                    }
                })
                .chain(result -> {
                    if (result.getPopStatus() == PopStatus.POLLING_FULL) {
                        // The broker holds as many long polls as it will: answering at once again would spin.
                        return Uni.createFrom().item(List.<BrokerMessage>of()).onItem().delayIt().by(awaitDuration);
                    }
                    return Uni.createFrom().item(result.getMsgFoundList() == null
                            ? List.<BrokerMessage>of()
                            : result.getMsgFoundList().stream().map(message -> toMessage(message, broker)).toList());
                })
                .onFailure().transform(failure -> RemotingErrors.map(failure, "receiving from " + spec.topic()));
    }

    @Override
    public Uni<Void> ack(BrokerMessage message) {
        PopHandle handle = (PopHandle) message.handle();
        AckMessageRequestHeader request = new AckMessageRequestHeader();
        request.setConsumerGroup(spec.group());
        request.setTopic(realTopic(handle));
        request.setQueueId(handle.queueId());
        request.setOffset(handle.queueOffset());
        request.setExtraInfo(handle.extraInfo());
        request.setBrokerName(handle.broker().name());
        return settle("ack of " + message.messageId(), callback ->
                client.api().ackMessageAsync(handle.broker().address(), requestTimeoutMillis, callback, request));
    }

    @Override
    public Uni<Void> nack(BrokerMessage message, Duration delay) {
        PopHandle handle = (PopHandle) message.handle();
        ChangeInvisibleTimeRequestHeader request = new ChangeInvisibleTimeRequestHeader();
        request.setConsumerGroup(spec.group());
        request.setTopic(realTopic(handle));
        request.setQueueId(handle.queueId());
        request.setOffset(handle.queueOffset());
        request.setExtraInfo(handle.extraInfo());
        request.setInvisibleTime(delay.toMillis());
        request.setBrokerName(handle.broker().name());
        return settle("nack of " + message.messageId(), callback -> client.api().changeInvisibleTimeAsync(
                handle.broker().name(), handle.broker().address(), request, requestTimeoutMillis, callback));
    }

    /** The topic the broker keeps the message's check point under: the group's retry topic for a redelivery. */
    private String realTopic(PopHandle handle) {
        return ExtraInfoUtil.getRealTopic(ExtraInfoUtil.split(handle.extraInfo()), spec.topic(), spec.group());
    }

    @Override
    public Uni<Void> close() {
        return Uni.createFrom().voidItem(); // nothing is held per session
    }

    private interface Settlement {
        void send(AckCallback callback) throws Exception;
    }

    private static Uni<Void> settle(String what, Settlement settlement) {
        return Uni.createFrom().<Void>emitter(emitter -> {
                    try {
                        settlement.send(new AckCallback() {
                            @Override
                            public void onSuccess(AckResult result) {
                                if (result != null && result.getStatus() == AckStatus.OK) {
                                    emitter.complete(null);
                                } else {
                                    emitter.fail(new GatewayException(ErrorCode.UNKNOWN_RECEIPT, what
                                            + ": the broker no longer holds this receipt (it expired; the message"
                                            + " will be redelivered)"));
                                }
                            }

                            @Override
                            public void onException(Throwable failure) {
                                emitter.fail(failure);
                            }
                        });
                    } catch (Exception e) {
                        emitter.fail(e);
                    }
                })
                .onFailure().transform(failure -> RemotingErrors.map(failure, what));
    }

    private static BrokerMessage toMessage(MessageExt message, RemotingClient.ReadableBroker broker) {
        String extraInfo = message.getProperty(MessageConst.PROPERTY_POP_CK);
        String[] parts = ExtraInfoUtil.split(extraInfo);
        String topic = message.getProperty(MessageConst.PROPERTY_RETRY_TOPIC) != null
                ? message.getProperty(MessageConst.PROPERTY_RETRY_TOPIC)
                : message.getTopic();
        Map<String, String> properties = new HashMap<>();
        message.getProperties().forEach((name, value) -> {
            if (!MessageConst.STRING_HASH_SET.contains(name)) {
                properties.put(name, value);
            }
        });
        String keys = message.getKeys();
        return new BrokerMessage(
                MessageClientIDSetter.getUniqID(message) != null ? MessageClientIDSetter.getUniqID(message) : message.getMsgId(),
                topic,
                message.getTags(),
                keys == null || keys.isBlank() ? List.of() : List.of(keys.split(MessageConst.KEY_SEPARATOR)),
                properties,
                message.getProperty(MessageConst.PROPERTY_SHARDING_KEY),
                message.getBornTimestamp(),
                message.getReconsumeTimes() + 1,
                message.getBody(),
                new PopHandle(broker, extraInfo, ExtraInfoUtil.getQueueId(parts), ExtraInfoUtil.getQueueOffset(parts)));
    }

    /** What the broker needs to ack or nack a popped message: where it was popped and its check-point info. */
    private record PopHandle(RemotingClient.ReadableBroker broker, String extraInfo, int queueId, long queueOffset) {}
}
