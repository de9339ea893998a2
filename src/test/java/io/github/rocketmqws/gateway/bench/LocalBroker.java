package io.github.rocketmqws.gateway.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The build's local RocketMQ, as its ready file describes it (src/local-rocketmq/LocalRocketMQ.java writes it): read
 * from there rather than from the gateway's configuration, which a test profile may point elsewhere (the remoting
 * profile sets the Proxy endpoint to a closed port).
 */
final class LocalBroker {
    private static final Path READY = Path.of("target", "local-rocketmq-test", "ready");

    private LocalBroker() {}

    /** The Proxy's gRPC endpoint, host:port. */
    static String grpcEndpoint() {
        return ready().getProperty("grpc");
    }

    /** The broker JVM's process id, or -1 when the ready file has none. */
    static long pid() {
        return Long.parseLong(ready().getProperty("pid", "-1"));
    }

    private static Properties ready() {
        Properties ready = new Properties();
        try (Reader in = Files.newBufferedReader(READY)) {
            ready.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the local RocketMQ's ready file " + READY + " cannot be read", e);
        }
        return ready;
    }
}
