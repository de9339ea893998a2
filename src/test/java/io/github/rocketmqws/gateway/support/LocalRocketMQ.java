package io.github.rocketmqws.gateway.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Waits for the local RocketMQ that the build started before the tests (pom.xml, execution local-rocketmq-test),
 * so every test class of the run shares one broker. The broker's ports are in the %test profile.
 */
@QuarkusTestResource(LocalRocketMQ.class)
public class LocalRocketMQ implements QuarkusTestResourceLifecycleManager {
    private static final Path HOME = Path.of("target", "local-rocketmq-test");
    private static final Path READY = HOME.resolve("ready");
    private static final Path FAILED = HOME.resolve("failed");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @Override
    public Map<String, String> start() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(READY)) {
            if (Files.exists(FAILED)) {
                throw new IllegalStateException("the local RocketMQ failed to start: " + read(FAILED)
                        + "; see the build output of exec:exec@local-rocketmq-test and " + HOME.resolve("logs"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the local RocketMQ did not become ready within " + START_TIMEOUT
                        + "; see target/local-rocketmq-test/ and the build output of exec:exec@local-rocketmq-test");
            }
            try {
                Thread.sleep(200); // polling a file written by another process; nothing to await on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Map.of();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Override
    public void stop() {
        // The broker belongs to the build, which stops it when Maven exits.
    }
}
