package io.github.rocketmqws.gateway.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Refuses to start with settings RocketMQ would reject on every receive, so a mistake shows at start, not as a
 * stream of BROKER_UNAVAILABLE errors later.
 */
@ApplicationScoped
public class ConfigCheck {
    static final Duration MIN_INVISIBLE_DURATION = Duration.ofSeconds(10);
    static final int MAX_BATCH = 32;

    void onStart(@Observes StartupEvent event, GatewayConfig config) {
        check(config);
    }

    static void check(GatewayConfig config) {
        Duration invisible = config.consumer().invisibleDuration();
        if (invisible.compareTo(MIN_INVISIBLE_DURATION) < 0) {
            throw new IllegalStateException("gateway.consumer.invisible-duration is " + invisible
                    + "; the RocketMQ Proxy accepts no less than " + MIN_INVISIBLE_DURATION);
        }
        if (config.rocketmq().transport() == GatewayConfig.RocketMQ.Transport.REMOTING
                && config.rocketmq().nameServer().isEmpty()) {
            throw new IllegalStateException(
                    "gateway.rocketmq.transport=remoting needs gateway.rocketmq.name-server (host:port[;host:port])");
        }
        int batch = config.consumer().maxBatch();
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalStateException("gateway.consumer.max-batch is " + batch + "; it must be 1.." + MAX_BATCH);
        }
    }
}
