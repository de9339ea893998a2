package io.github.rocketmqws.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the gateway, under {@code gateway.*}; each is overridable by an environment variable. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {
    RocketMQ rocketmq();

    Consumer consumer();

    Limits limits();

    Dev dev();

    interface RocketMQ {
        /** gRPC endpoints of the RocketMQ 5 Proxy, {@code host:port[;host:port]}. Default {@code 127.0.0.1:8081}. */
        @WithDefault("127.0.0.1:8081")
        String endpoints();

        /**
         * NameServer addresses ({@code host:port[;host:port]}) for administrative calls: creating missing consumer
         * groups and dev topics. Not needed to publish or consume. No default.
         */
        Optional<String> nameServer();

        /** Create a consumer group on first subscribe when it is missing. Default false; dev and test set true. */
        @WithDefault("false")
        boolean createGroups();

        /** Use TLS towards the Proxy. Default false. */
        @WithDefault("false")
        boolean enableSsl();

        /** RocketMQ ACL access key; never sent to clients nor logged. */
        Optional<String> accessKey();

        /** RocketMQ ACL secret key; never sent to clients nor logged. */
        Optional<String> secretKey();

        /** Timeout of one request to the broker. Default 3s. */
        @WithDefault("3s")
        Duration requestTimeout();
    }

    interface Consumer {
        /**
         * How long a delivered, un-acked message stays invisible to other consumers. A session that closes returns
         * its messages at once; this bounds redelivery only if the gateway itself dies. At least 10s (the Proxy's
         * minimum). Default 120s.
         */
        @WithDefault("120s")
        Duration invisibleDuration();

        /** Long-polling wait of one receive call. Default 10s; the Proxy polls at least 5s, so keep it at 5s or more. */
        @WithDefault("10s")
        Duration awaitDuration();

        /** Most messages asked of the broker in one receive (the broker caps it at 32). Default 32. */
        @WithDefault("32")
        int maxBatch();

        /** Redelivery delay of a nack without {@code delayMs}. Default 1s. */
        @WithDefault("1s")
        Duration defaultNackDelay();

        /** Pause before receiving again after a broker failure. Default 1s. */
        @WithDefault("1s")
        Duration retryBackoff();
    }

    interface Limits {
        /** Largest message body in bytes, after base64 decoding. Default 4194304 (RocketMQ's own default). */
        @WithDefault("4194304")
        int maxBodyBytes();

        /** Publishes a session may have in flight before the gateway stops reading its frames. Default 256. */
        @WithDefault("256")
        int maxPendingPublishes();
    }

    interface Dev {
        /** Topics the gateway creates at start (needs {@code gateway.rocketmq.name-server}). Default none. */
        Optional<List<String>> topics();
    }
}
