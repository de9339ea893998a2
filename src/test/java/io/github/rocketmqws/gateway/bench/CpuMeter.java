package io.github.rocketmqws.gateway.bench;

import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * CPU time spent by this JVM (the gateway with the load clients) and by the local RocketMQ's JVM (NameServer, Broker
 * and Proxy) between {@link #start()} and {@link #perMessage}: on a machine whose cores are all busy, the sum per
 * message is what bounds the rate (cores / CPU per message), so it shows where a path spends.
 */
final class CpuMeter {
    private static final Path READY = Path.of("target", "local-rocketmq-test", "ready");
    private final long selfStart;
    private final long brokerStart;

    private CpuMeter(long selfStart, long brokerStart) {
        this.selfStart = selfStart;
        this.brokerStart = brokerStart;
    }

    static CpuMeter start() {
        return new CpuMeter(selfNanos(), brokerNanos());
    }

    /** Microseconds of CPU per message: {this JVM, broker JVM}; the broker's is NaN when its process is not found. */
    double[] perMessage(int messages) {
        double self = (selfNanos() - selfStart) / 1e3 / messages;
        long broker = brokerNanos();
        return new double[] {self, broker < 0 ? Double.NaN : (broker - brokerStart) / 1e3 / messages};
    }

    private static long selfNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The broker JVM wrote its pid into the ready file of the build's local RocketMQ (src/local-rocketmq). */
    private static long brokerNanos() {
        Properties ready = new Properties();
        try (Reader in = Files.newBufferedReader(READY)) {
            ready.load(in);
        } catch (IOException e) {
            return -1;
        }
        long pid = Long.parseLong(ready.getProperty("pid", "-1"));
        return pid < 0 ? -1 : ProcessHandle.of(pid)
                .flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElse(-1L);
    }
}
