package io.github.rocketmqws.gateway.bench;

import static io.github.rocketmqws.gateway.bench.BenchReport.figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets (issue 7) against the figures the benchmarks kept, as the "targets" section of
 * docs/benchmarks.md. Every benchmark re-renders it after keeping its figures, so the table is whole after a full run
 * and says "not measured" for what a partial run left out. Figure keys are the constants below.
 */
final class BenchTargets {
    /** {@code throughput.<path>.<measure>}, path one of {@link #PATHS}; measures publish, consume, p50, p99, p999 (ms). */
    static final String THROUGHPUT = "throughput.";
    static final List<String> PATHS = List.of("direct-grpc", "direct-classic", "direct-classic-pop", "gateway-grpc",
            "gateway-remoting");
    /** {@code scale.<transport>.<sessions>x<groups>.<measure>}: threads, heapMiB, rssMiB, deliveries (per second). */
    static final String SCALE = "scale.";
    /** {@code connections.<measure>}: count, heapMiB, threads, rssMiB. */
    static final String CONNECTIONS = "connections.";
    /** {@code slow.<ackMode>.<measure>}: heapBeforeMiB, heapAfterMiB. */
    static final String SLOW = "slow.";
    /**
     * {@code python.<client>.<phase>} msgs/s, client gateway-grpc, gateway-remoting or official, phase publish1,
     * publish64, consume.
     */
    static final String PYTHON = "python.";
    static final double FLAT_HEAP_MIB = 16;

    private BenchTargets() {}

    static void render() {
        List<String> rows = new ArrayList<>();
        double bestPublish = best("publish");
        double bestConsume = best("consume");
        for (String transport : List.of("grpc", "remoting")) {
            String gateway = THROUGHPUT + "gateway-" + transport + ".";
            rows.add(ratio("gateway (" + transport + ") publish >= 0.8x best direct Java client",
                    figure(gateway + "publish"), bestPublish, 0.8));
            rows.add(ratio("gateway (" + transport + ") consume >= 0.8x best direct Java client",
                    figure(gateway + "consume"), bestConsume, 0.8));
            // The classic client is the remoting transport's direct client, in both of its consumption modes.
            List<String> directs = transport.equals("grpc") ? List.of("direct-grpc")
                    : List.of("direct-classic", "direct-classic-pop");
            for (String direct : directs) {
                String over = directs.size() == 1 ? "" : " over " + direct;
                rows.add(added("gateway (" + transport + ") added p50 <= 2 ms at 1,000 msg/s" + over,
                        figure(gateway + "p50"), figure(THROUGHPUT + direct + ".p50"), 2));
                rows.add(added("gateway (" + transport + ") added p99 <= 5 ms at 1,000 msg/s" + over,
                        figure(gateway + "p99"), figure(THROUGHPUT + direct + ".p99"), 5));
            }
            String scale = SCALE + transport + ".1000x100.";
            rows.add(within("1,000 sessions over 100 groups (" + transport + "): heap <= 1 GiB and <= 600 threads",
                    figure(scale + "heapMiB"), 1024, figure(scale + "threads"), 600));
        }
        rows.add(within("10,000 open publishing connections: heap <= 1 GiB", figure(CONNECTIONS + "heapMiB"), 1024,
                Double.NaN, Double.NaN));
        for (String ackMode : List.of("client", "auto")) {
            double growth = figure(SLOW + ackMode + ".heapAfterMiB") - figure(SLOW + ackMode + ".heapBeforeMiB");
            rows.add(row("slow consumer (ack " + ackMode + ", 100,000 waiting): heap growth <= "
                    + (int) FLAT_HEAP_MIB + " MiB", fmt("%+.1f MiB", growth), growth <= FLAT_HEAP_MIB, growth));
        }
        for (String phase : List.of("publish1", "publish64", "consume")) {
            double official = figure(PYTHON + "official." + phase);
            for (String transport : List.of("grpc", "remoting")) {
                double gateway = figure(PYTHON + "gateway-" + transport + "." + phase);
                rows.add(row("Python " + phase + ": rocketmq-ws via gateway (" + transport + ") >= official client",
                        fmt("%.0f vs %.0f msgs/s (%.2fx)", gateway, official, gateway / official),
                        gateway >= official, gateway / official));
            }
        }
        StringBuilder table = new StringBuilder("| target | measured | met |\n|---|---|---|\n");
        rows.forEach(r -> table.append(r).append('\n'));
        BenchReport.section("targets", table.toString());
    }

    /** The highest figure of the direct clients for {@code measure}. */
    private static double best(String measure) {
        return PATHS.stream().filter(p -> p.startsWith("direct-")).mapToDouble(p -> figure(THROUGHPUT + p + "." + measure))
                .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    private static String ratio(String target, double value, double best, double at) {
        double ratio = value / best;
        return row(target, fmt("%.2fx (%.0f of %.0f msgs/s)", ratio, value, best), ratio >= at, ratio);
    }

    private static String added(String target, double gateway, double direct, double at) {
        double added = gateway - direct;
        return row(target, fmt("%+.1f ms (%.1f vs %.1f)", added, gateway, direct), added <= at, added);
    }

    private static String within(String target, double heap, double maxHeap, double threads, double maxThreads) {
        boolean counted = !Double.isNaN(threads);
        String measured = counted ? fmt("heap %.0f MiB, %.0f threads", heap, threads) : fmt("heap %.0f MiB", heap);
        boolean met = heap <= maxHeap && (!counted || threads <= maxThreads);
        return row(target, measured, met, heap);
    }

    /** A row; a NaN figure means its benchmark has not run. */
    private static String row(String target, String measured, boolean met, double figure) {
        return Double.isNaN(figure) ? "| " + target + " | not measured | - |"
                : "| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |";
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
