package io.github.rocketmqws.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientServiceProvider;
import org.apache.rocketmq.client.apis.consumer.FilterExpression;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;

/** rocketmq-client-java straight to the Proxy: one Producer, a SimpleConsumer receiving on a few threads. */
final class GrpcDirectPath implements LoadPath {
    private static final int RECEIVERS = 4;
    private static final int BATCH = 32;
    private final ClientServiceProvider provider = ClientServiceProvider.loadService();
    private final ClientConfiguration configuration;
    private final Producer producer;

    GrpcDirectPath(String endpoints) throws Exception {
        configuration = ClientConfiguration.newBuilder().setEndpoints(endpoints).enableSsl(false).build();
        producer = provider.newProducerBuilder().setClientConfiguration(configuration).build();
    }

    @Override
    public String key() {
        return "direct-grpc";
    }

    @Override
    public String name() {
        return "direct gRPC (client-java -> Proxy)";
    }

    @Override
    public CompletableFuture<?> publish(String topic, String body) {
        return producer.sendAsync(provider.newMessageBuilder().setTopic(topic)
                .setBody(body.getBytes(StandardCharsets.US_ASCII)).build());
    }

    @Override
    public AutoCloseable consume(String topic, String group, Consumer<String> onBody) throws Exception {
        // The Proxy long-polls at least 5 s and refuses a shorter await (40018, deadline not enough for polling).
        SimpleConsumer consumer = provider.newSimpleConsumerBuilder().setClientConfiguration(configuration)
                .setConsumerGroup(group).setAwaitDuration(Duration.ofSeconds(10))
                .setSubscriptionExpressions(Map.of(topic, FilterExpression.SUB_ALL)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService receivers = Executors.newFixedThreadPool(RECEIVERS);
        for (int i = 0; i < RECEIVERS; i++) {
            receivers.execute(() -> receiveLoop(consumer, onBody, running));
        }
        return () -> {
            running.set(false);
            receivers.shutdownNow();
            receivers.awaitTermination(1, TimeUnit.MINUTES);
            consumer.close();
        };
    }

    // The flag, not the interrupt: the client turns an interrupt into an exception and clears it.
    private static void receiveLoop(SimpleConsumer consumer, Consumer<String> onBody, AtomicBoolean running) {
        while (running.get()) {
            try {
                List<MessageView> views = consumer.receive(BATCH, Duration.ofSeconds(30));
                for (MessageView view : views) {
                    onBody.accept(StandardCharsets.US_ASCII.decode(view.getBody()).toString());
                    consumer.ackAsync(view);
                }
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
                System.err.println("direct gRPC receive failed: " + e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        producer.close();
    }
}
