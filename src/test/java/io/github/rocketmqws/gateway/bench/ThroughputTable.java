package io.github.rocketmqws.gateway.bench;

import static io.github.rocketmqws.gateway.bench.BenchReport.figure;

import java.util.Locale;

/** The "throughput" section of docs/benchmarks.md, from the figures every {@link ThroughputBench} class kept. */
final class ThroughputTable {
    static final String[] MEASURES = {"publish", "consume", "p50", "p99", "p999", "satRate", "satP50", "satP99",
        "satP999", "publishCpuSelf", "publishCpuBroker", "consumeCpuSelf", "consumeCpuBroker",
        "publishCpuClient", "consumeCpuClient", "roundTripP50", "roundTripP99"};
    private static final int TIMED = 9; // the measures of the first table; the others are CPU per message
    private static final String[] NAMES = {"direct gRPC (rocketmq-client-java -> Proxy)",
        "direct classic (rocketmq-client -> NameServer)", "direct classic pop (rocketmq-client -> NameServer, pop mode)",
        "gateway on grpc (WebSocket -> gateway -> Proxy)",
        "gateway on remoting (WebSocket -> gateway -> Broker)"};

    private ThroughputTable() {}

    static void keep(LoadPath path, double[] values) {
        for (int i = 0; i < MEASURES.length; i++) {
            BenchReport.figure(BenchTargets.THROUGHPUT + path.key() + "." + MEASURES[i], values[i]);
        }
    }

    private static void rows(StringBuilder out, int from, int to) {
        for (int p = 0; p < NAMES.length; p++) {
            String key = BenchTargets.THROUGHPUT + BenchTargets.PATHS.get(p) + ".";
            out.append("| ").append(NAMES[p]);
            for (int m = from; m < to; m++) {
                double value = figure(key + MEASURES[m]);
                boolean count = MEASURES[m].equals("publish") || MEASURES[m].equals("consume")
                        || MEASURES[m].equals("satRate");
                out.append(" | ").append(Double.isNaN(value) ? "-"
                        : String.format(Locale.ROOT, count ? "%,.0f" : "%.1f", value));
            }
            out.append(" |\n");
        }
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    static void render(int messages, int rate, int seconds) {
        StringBuilder out = new StringBuilder(BenchReport.machine()).append("\n\n");
        out.append(String.format(Locale.ROOT, "%,d messages of %d bytes per phase, %d publishes in flight; gateway "
                + "consumers prefetch %d with client acks. Fixed rate: %,d msg/s for %d s after 1 s of warm-up. "
                + "Saturation: %,d messages published as fast as the window allows while one consumer reads them "
                + "(latency of the last nine tenths).%n%n", messages, LoadDriver.BODY_BYTES, LoadDriver.WINDOW,
                GatewayPath.PREFETCH, rate, seconds, messages));
        out.append("| path | publish msgs/s | consume msgs/s | p50 ms | p99 ms | p99.9 ms | saturation msgs/s "
                + "| sat. p50 ms | sat. p99 ms | sat. p99.9 ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows(out, 0, TIMED);
        out.append("\nCPU time per message in microseconds, in the publish and consume phases above. \"This JVM\" runs "
                + "the gateway and the load client, or for a direct row the direct client (beside an idle gateway); "
                + "\"gateway itself\" is this JVM less the WebSocket load client's threads (the driver and the "
                + "client's own Vert.x event loops); \"broker JVM\" is NameServer, Broker and Proxy together.\n\n");
        out.append("| path | publish: this JVM | publish: gateway itself | publish: broker JVM | consume: this JVM "
                + "| consume: gateway itself | consume: broker JVM |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (int p = 0; p < NAMES.length; p++) {
            String key = BenchTargets.THROUGHPUT + BenchTargets.PATHS.get(p) + ".";
            boolean gateway = BenchTargets.PATHS.get(p).startsWith("gateway-");
            out.append("| ").append(NAMES[p]);
            for (String phase : new String[] {"publish", "consume"}) {
                double self = figure(key + phase + "CpuSelf");
                double own = gateway ? self - figure(key + phase + "CpuClient") : Double.NaN;
                for (double value : new double[] {self, own, figure(key + phase + "CpuBroker")}) {
                    out.append(" | ").append(Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value));
                }
            }
            out.append(" |\n");
        }
        out.append(String.format(Locale.ROOT, "%nPublish round trip: %,d messages published one at a time, each sent "
                + "when the previous one was confirmed (what a client that awaits every publish sees).%n%n",
                ThroughputBench.ROUND_TRIPS));
        out.append("| path | round trip p50 ms | round trip p99 ms |\n|---|---:|---:|\n");
        for (int p = 0; p < NAMES.length; p++) {
            String key = BenchTargets.THROUGHPUT + BenchTargets.PATHS.get(p) + ".";
            out.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", NAMES[p], ms(figure(key + "roundTripP50")),
                    ms(figure(key + "roundTripP99"))));
        }
        BenchReport.section("throughput", out.toString());
    }
}
