package io.github.rocketmqws.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageRequestMode;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.common.message.Message;

/**
 * The classic client straight to the NameServer: an async DefaultMQProducer and a DefaultMQPushConsumer (its "ack"
 * is returning CONSUME_SUCCESS). In pull mode the consumer commits offsets in the background; in pop mode (the
 * broker told so for the group, as {@code mqadmin setConsumeMode -m POP} does) it acks every message at the broker,
 * as the gateway does, which makes it the like-for-like reference for the gateway's consumption. Own instance names,
 * so nothing is shared with the gateway's classic client in the same JVM.
 */
final class ClassicDirectPath implements LoadPath {
    private final String nameServer;
    private final boolean pop;
    private final DefaultMQProducer producer;

    ClassicDirectPath(String nameServer, boolean pop) throws Exception {
        this.nameServer = nameServer;
        this.pop = pop;
        producer = new DefaultMQProducer("bench-producer-" + System.nanoTime());
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName("bench-producer-" + System.nanoTime());
        producer.start();
    }

    @Override
    public String key() {
        return pop ? "direct-classic-pop" : "direct-classic";
    }

    @Override
    public String name() {
        return pop ? "direct classic pop (rocketmq-client -> NameServer)" : "direct classic (rocketmq-client -> NameServer)";
    }

    @Override
    public CompletableFuture<?> publish(String topic, String body) {
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        try {
            producer.send(new Message(topic, body.getBytes(StandardCharsets.US_ASCII)), new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    result.complete(sendResult);
                }

                @Override
                public void onException(Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public AutoCloseable consume(String topic, String group, Consumer<String> onBody) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName("bench-consumer-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        if (pop) {
            popMode(topic, group);
            consumer.setClientRebalance(false); // the broker assigns queues in pop mode
        }
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(message -> onBody.accept(new String(message.getBody(), StandardCharsets.US_ASCII)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer::shutdown;
    }

    /** Tells the broker that serves {@code topic} to hand {@code group} its messages by pop, every queue to each. */
    private void popMode(String topic, String group) throws Exception {
        MQClientAPIImpl api = producer.getDefaultMQProducerImpl().getMqClientFactory().getMQClientAPIImpl();
        for (BrokerData broker : api.getTopicRouteInfoFromNameServer(topic, 3000).getBrokerDatas()) {
            api.setMessageRequestMode(broker.selectBrokerAddr(), topic, group, MessageRequestMode.POP, 0, 3000);
        }
    }

    @Override
    public void close() {
        producer.shutdown();
    }
}
