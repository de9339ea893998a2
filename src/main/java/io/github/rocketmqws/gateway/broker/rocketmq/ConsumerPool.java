package io.github.rocketmqws.gateway.broker.rocketmq;

import io.github.rocketmqws.gateway.broker.SubscriptionSpec;
import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.github.rocketmqws.gateway.protocol.ClientFrame.FilterType;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.apis.ClientException;
import org.apache.rocketmq.client.apis.consumer.FilterExpression;
import org.apache.rocketmq.client.apis.consumer.FilterExpressionType;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.jboss.logging.Logger;

/**
 * SimpleConsumers shared by every session with the same topic, group and filter (docs/adr/0001). A consumer costs
 * a client of its own (threads, connections), while sessions of one group only need their own credit, which each
 * expresses through its own receive calls.
 */
@Singleton
class ConsumerPool {
    private static final Logger LOG = Logger.getLogger(ConsumerPool.class);

    private final RocketMQClients clients;
    private final GatewayConfig config;
    private final Map<SubscriptionSpec, Shared> shared = new HashMap<>(); // guarded by this

    ConsumerPool(RocketMQClients clients, GatewayConfig config) {
        this.clients = clients;
        this.config = config;
    }

    /** A share of the consumer for {@code spec}; give it back with {@link Lease#release()}. */
    Uni<Lease> acquire(SubscriptionSpec spec) {
        Shared entry;
        synchronized (this) {
            entry = shared.computeIfAbsent(spec, this::start);
            entry.leases++;
        }
        return entry.consumer
                .onFailure().invoke(() -> forget(entry))
                .map(consumer -> new Lease(entry, consumer));
    }

    synchronized int size() {
        return shared.size();
    }

    private Shared start(SubscriptionSpec spec) {
        Uni<SimpleConsumer> consumer = Uni.createFrom().item(() -> build(spec))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .memoize().indefinitely();
        return new Shared(spec, consumer);
    }

    private SimpleConsumer build(SubscriptionSpec spec) {
        FilterExpressionType type = spec.filterType() == FilterType.SQL92 ? FilterExpressionType.SQL92 : FilterExpressionType.TAG;
        try {
            SimpleConsumer consumer = clients.provider.newSimpleConsumerBuilder()
                    .setClientConfiguration(clients.configuration)
                    .setConsumerGroup(spec.group())
                    .setAwaitDuration(config.consumer().awaitDuration())
                    .setSubscriptionExpressions(Map.of(spec.topic(), new FilterExpression(spec.filter(), type)))
                    .build();
            LOG.debugf("topic %s group %s: consumer started", spec.topic(), spec.group());
            return consumer;
        } catch (ClientException | RuntimeException e) {
            throw RocketMQErrors.map(e, "subscribing to " + spec.topic() + " as " + spec.group());
        }
    }

    private synchronized void forget(Shared entry) {
        shared.remove(entry.spec, entry);
    }

    private void release(Shared entry) {
        synchronized (this) {
            if (--entry.leases > 0) {
                return;
            }
            shared.remove(entry.spec, entry);
        }
        entry.consumer
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(ConsumerPool::close, failure -> {});
    }

    private static void close(SimpleConsumer consumer) {
        try {
            consumer.close();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("closing a consumer: %s", e.getMessage());
        }
    }

    @PreDestroy
    void closeAll() {
        List<Shared> open;
        synchronized (this) {
            open = List.copyOf(shared.values());
            shared.clear();
        }
        for (Shared entry : open) {
            try {
                close(entry.consumer.await().indefinitely());
            } catch (RuntimeException e) {
                LOG.debugf("consumer of %s never started: %s", entry.spec.topic(), e.getMessage());
            }
        }
    }

    private static final class Shared {
        final SubscriptionSpec spec;
        final Uni<SimpleConsumer> consumer;
        int leases; // guarded by the pool

        Shared(SubscriptionSpec spec, Uni<SimpleConsumer> consumer) {
            this.spec = spec;
            this.consumer = consumer;
        }
    }

    /** One session's share of a consumer. */
    final class Lease {
        private final Shared entry;
        final SimpleConsumer consumer;

        private Lease(Shared entry, SimpleConsumer consumer) {
            this.entry = entry;
            this.consumer = consumer;
        }

        void release() {
            ConsumerPool.this.release(entry);
        }
    }
}
