package io.github.rocketmqws.gateway.bench;

import java.util.ArrayList;
import java.util.List;

/** The rows of every {@link ThroughputBench} run in this JVM, so the remoting run prints the whole table. */
final class ThroughputTable {
    record Row(String path, boolean direct, double publish, double consume, double[] latency) {}

    private static final List<Row> ROWS = new ArrayList<>();

    private ThroughputTable() {}

    static synchronized void add(Row row) {
        ROWS.add(row);
    }

    static synchronized boolean hasDirect() {
        return ROWS.stream().anyMatch(Row::direct);
    }

    static synchronized void print(int messages, int rate, int seconds) {
        double bestPublish = ROWS.stream().filter(Row::direct).mapToDouble(Row::publish).max().orElse(Double.NaN);
        double bestConsume = ROWS.stream().filter(Row::direct).mapToDouble(Row::consume).max().orElse(Double.NaN);
        System.out.printf("%n%d messages of %d bytes, %d in flight; gateway consumers prefetch %d; latency at %d msg/s "
                + "for %d s (after 1 s of warm-up)%n", messages, LoadDriver.BODY_BYTES, LoadDriver.WINDOW,
                GatewayPath.PREFETCH, rate, seconds);
        System.out.printf("| path | publish msgs/s | consume msgs/s | publish / best direct | consume / best direct "
                + "| e2e p50 ms | e2e p99 ms |%n|---|---:|---:|---:|---:|---:|---:|%n");
        for (Row row : ROWS) {
            System.out.printf("| %s | %.0f | %.0f | %.2f | %.2f | %.1f | %.1f |%n", row.path(), row.publish(),
                    row.consume(), row.publish() / bestPublish, row.consume() / bestConsume, row.latency()[0],
                    row.latency()[1]);
        }
    }
}
