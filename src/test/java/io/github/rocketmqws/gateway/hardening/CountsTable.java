package io.github.rocketmqws.gateway.hardening;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** The counts a run prints: per category what was sent and which error codes came back, then the rest. */
final class CountsTable {
    private CountsTable() {}

    static String render(Tally tally, GoodSession good, Clock clock) {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-22s %8s %6s %8s  %s%n", "category", "sent", "frag", "errors", "error frames by code"));
        for (Category category : Category.values()) {
            Map<?, Long> codes = tally.replies(category);
            table.append(String.format("%-22s %8d %6d %8d  %s%n", category.label, tally.sent(category),
                    tally.fragmented(category), codes.values().stream().mapToLong(Long::longValue).sum(),
                    codes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                            .collect(Collectors.joining(" "))));
        }
        long fragmented = Arrays.stream(Category.values()).mapToLong(tally::fragmented).sum();
        table.append(String.format("%-22s %8d %6d %8d%n", "total", tally.sentTotal(), fragmented, tally.repliesTotal()));
        table.append(String.format("oversize messages: %d closes%n", tally.closesTotal()));
        tally.closes().forEach((how, count) -> table.append(String.format("  %d x %s%n", count, how)));
        table.append(String.format("good session: published %d, delivered %d (distinct %d), duplicates %d, "
                        + "redelivered %d, acked %d, lost %d%n",
                good.published(), good.delivered(), good.distinctDelivered(), good.duplicates(), good.redelivered(),
                good.acked(), good.lostCount()));
        table.append(String.format("time: hostile frames %.1f s (%.0f frames/s), good session %.1f s, whole flood %.1f s,"
                        + " CPU of this JVM (gateway and clients) %.1f s; violations %d%n",
                clock.hostileSeconds, tally.sentTotal() / Math.max(clock.hostileSeconds, 0.001), clock.goodSeconds,
                clock.totalSeconds, clock.cpuSeconds, tally.violationCount()));
        return table.toString();
    }

    /** Wall time from the start of the flood, and this JVM's CPU time over it. */
    static final class Clock {
        private long started;
        private long cpuStarted;
        double hostileSeconds;
        double goodSeconds;
        double totalSeconds;
        double cpuSeconds;

        void start() {
            started = System.nanoTime();
            cpuStarted = cpuNanos();
        }

        void hostileDone() {
            hostileSeconds = since(started);
        }

        void goodDone() {
            goodSeconds = since(started);
        }

        void end() {
            totalSeconds = since(started);
            cpuSeconds = (cpuNanos() - cpuStarted) / 1e9;
        }

        private static double since(long nanos) {
            return (System.nanoTime() - nanos) / 1e9;
        }

        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }
}
