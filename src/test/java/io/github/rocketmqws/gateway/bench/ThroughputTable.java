package io.github.rocketmqws.gateway.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The rows of every {@link ThroughputBench} class run in this JVM, so the last one prints the whole table. Each
 * Quarkus test profile gets a class loader of its own, so a static list would not outlive its class; the rows live in
 * a system property instead, one tab-separated line each.
 */
final class ThroughputTable {
    private static final String PROPERTY = "bench.throughput.rows";

    record Row(String path, boolean direct, double publish, double consume, double p50, double p99) {
        String encode() {
            return String.join("\t", path, Boolean.toString(direct), Double.toString(publish),
                    Double.toString(consume), Double.toString(p50), Double.toString(p99));
        }

        static Row decode(String line) {
            String[] f = line.split("\t");
            return new Row(f[0], Boolean.parseBoolean(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]));
        }
    }

    private ThroughputTable() {}

    static synchronized void add(Row row) {
        String rows = System.getProperty(PROPERTY, "");
        System.setProperty(PROPERTY, rows.isEmpty() ? row.encode() : rows + "\n" + row.encode());
    }

    private static List<Row> rows() {
        String rows = System.getProperty(PROPERTY, "");
        return rows.isEmpty() ? List.of() : Arrays.stream(rows.split("\n")).map(Row::decode).toList();
    }

    static synchronized void print(int messages, int rate, int seconds) {
        List<Row> rows = rows();
        double bestPublish = rows.stream().filter(Row::direct).mapToDouble(Row::publish).max().orElse(Double.NaN);
        double bestConsume = rows.stream().filter(Row::direct).mapToDouble(Row::consume).max().orElse(Double.NaN);
        System.out.printf("%n%d messages of %d bytes, %d publishes in flight; gateway consumers prefetch %d; latency "
                + "send-to-receive at %d msg/s for %d s (after 1 s of warm-up)%n", messages, LoadDriver.BODY_BYTES,
                LoadDriver.WINDOW, GatewayPath.PREFETCH, rate, seconds);
        System.out.printf("| path | publish msgs/s | consume msgs/s | publish / best direct | consume / best direct "
                + "| e2e p50 ms | e2e p99 ms |%n|---|---:|---:|---:|---:|---:|---:|%n");
        for (Row row : rows) {
            System.out.printf("| %s | %.0f | %.0f | %.2f | %.2f | %.1f | %.1f |%n", row.path(), row.publish(),
                    row.consume(), row.publish() / bestPublish, row.consume() / bestConsume, row.p50(), row.p99());
        }
    }
}
