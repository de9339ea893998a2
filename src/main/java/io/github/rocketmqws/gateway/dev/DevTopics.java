package io.github.rocketmqws.gateway.dev;

import io.github.rocketmqws.gateway.broker.BrokerAdmin;
import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Creates {@code gateway.dev.topics} at start. The local broker may still be starting, so this retries in the
 * background instead of holding up the gateway.
 */
@ApplicationScoped
public class DevTopics {
    private static final Logger LOG = Logger.getLogger(DevTopics.class);

    void onStart(@Observes StartupEvent event, GatewayConfig config, BrokerAdmin admin) {
        List<String> topics = config.dev().topics().orElse(List.of());
        for (String topic : topics) {
            admin.createTopic(topic)
                    .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(5)).atMost(30)
                    .subscribe().with(ignored -> {}, failure -> LOG.warnf("topic %s: not created: %s", topic, failure.getMessage()));
        }
    }
}
