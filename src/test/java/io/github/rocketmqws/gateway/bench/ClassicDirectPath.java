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
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;

/**
 * The classic client straight to the NameServer: an async DefaultMQProducer and a DefaultMQPushConsumer (its "ack"
 * is returning CONSUME_SUCCESS, which commits the offset). Own instance names, so nothing is shared with the
 * gateway's classic client in the same JVM.
 */
final class ClassicDirectPath implements LoadPath {
    private final String nameServer;
    private final DefaultMQProducer producer;

    ClassicDirectPath(String nameServer) throws Exception {
        this.nameServer = nameServer;
        producer = new DefaultMQProducer("bench-producer-" + System.nanoTime());
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName("bench-producer-" + System.nanoTime());
        producer.start();
    }

    @Override
    public String key() {
        return "direct-classic";
    }

    @Override
    public String name() {
        return "direct classic (rocketmq-client -> NameServer)";
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
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(message -> onBody.accept(new String(message.getBody(), StandardCharsets.US_ASCII)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer::shutdown;
    }

    @Override
    public void close() {
        producer.shutdown();
    }
}
