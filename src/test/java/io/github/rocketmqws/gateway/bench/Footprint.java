package io.github.rocketmqws.gateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The memory and threads of this JVM, which hosts the gateway under test (and the load clients' own objects, so the
 * figures are an upper bound of the gateway's). Heap is measured after full collections, so it counts what is live.
 */
record Footprint(long threads, long heapBytes, long rssBytes) {
    static Footprint sample() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return new Footprint(ManagementFactory.getThreadMXBean().getThreadCount(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), rss());
    }

    /** The {@code top} most common thread names of this JVM, digits masked, with their counts: where threads go. */
    static String threadNames(int top) {
        Map<String, Long> byName = Thread.getAllStackTraces().keySet().stream()
                .collect(Collectors.groupingBy(t -> t.getName().replaceAll("\\d+", "#"), Collectors.counting()));
        return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** The heap this JVM may grow to ({@code -Xmx}), in MiB. */
    static double maxHeapMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1048576.0;
    }

    double heapMiB() {
        return heapBytes / 1048576.0;
    }

    double rssMiB() {
        return rssBytes / 1048576.0;
    }

    /** Resident set size from /proc (Linux); -1 where there is none. */
    private static long rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d threads, heap %.1f MiB, RSS %.1f MiB", threads, heapMiB(), rssMiB());
    }
}
