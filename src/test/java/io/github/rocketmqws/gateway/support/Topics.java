package io.github.rocketmqws.gateway.support;

import io.github.rocketmqws.gateway.broker.BrokerAdmin;
import io.quarkus.arc.Arc;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh topics and groups per test, so tests sharing the one broker never see each other's messages. */
public final class Topics {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private Topics() {}

    public static String create(String prefix) {
        String topic = prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
        Arc.container().instance(BrokerAdmin.class).get().createTopic(topic).await().atMost(Duration.ofSeconds(30));
        return topic;
    }

    public static String group(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }
}
