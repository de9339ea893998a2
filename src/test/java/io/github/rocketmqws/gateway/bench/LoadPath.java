package io.github.rocketmqws.gateway.bench;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** One way to reach the broker: a direct client, or the gateway over a WebSocket. Bodies are ASCII text. */
interface LoadPath extends AutoCloseable {
    String name();

    /** The path's key in the benchmark figures, one of {@link BenchTargets#PATHS}. */
    String key();

    /** Publishes asynchronously; the future completes when the broker (or the gateway) confirms. */
    CompletableFuture<?> publish(String topic, String body);

    /** Starts consuming, acking every message after handing its body to {@code onBody}; close to stop. */
    AutoCloseable consume(String topic, String group, Consumer<String> onBody) throws Exception;
}
