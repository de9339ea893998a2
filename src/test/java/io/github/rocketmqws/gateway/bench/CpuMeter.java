package io.github.rocketmqws.gateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent by this JVM (the gateway with the load clients) and by the local RocketMQ's JVM (NameServer, Broker
 * and Proxy) between {@link #start()} and {@link #perMessage}: on a machine whose cores are all busy, the sum per
 * message is what bounds the rate (cores / CPU per message), so it shows where a path spends.
 */
final class CpuMeter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long selfStart;
    private final long brokerStart;
    private final Map<Long, Long> clientThreadsStart;

    private CpuMeter(long selfStart, long brokerStart, Map<Long, Long> clientThreadsStart) {
        this.selfStart = selfStart;
        this.brokerStart = brokerStart;
        this.clientThreadsStart = clientThreadsStart;
    }

    static CpuMeter start() {
        return new CpuMeter(selfNanos(), brokerNanos(), clientThreads());
    }

    /**
     * Microseconds of CPU per message: {this JVM, broker JVM, the load client's threads in this JVM}; the broker's is
     * NaN when its process is not found.
     */
    double[] perMessage(int messages) {
        double self = (selfNanos() - selfStart) / 1e3 / messages;
        long broker = brokerNanos();
        long client = 0;
        for (Map.Entry<Long, Long> thread : clientThreads().entrySet()) {
            client += thread.getValue() - clientThreadsStart.getOrDefault(thread.getKey(), 0L);
        }
        return new double[] {self, broker < 0 ? Double.NaN : (broker - brokerStart) / 1e3 / messages,
            client / 1e3 / messages};
    }

    /**
     * CPU time of the WebSocket load client's threads: the driver ("main") and {@link LightClients}' event loops
     * ("bench-…"). None of them is the gateway's, so the gateway's own share of this JVM is the rest.
     */
    private static Map<Long, Long> clientThreads() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && isClient(thread.getThreadName())) {
                long nanos = THREADS.getThreadCpuTime(thread.getThreadId());
                if (nanos >= 0) {
                    cpu.put(thread.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    private static boolean isClient(String name) {
        return name.equals("main") || name.startsWith("bench-");
    }

    private static long selfNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The broker JVM's CPU time, or -1 when its process cannot be found. */
    private static long brokerNanos() {
        long pid = LocalBroker.pid();
        return pid < 0 ? -1 : ProcessHandle.of(pid)
                .flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElse(-1L);
    }
}
