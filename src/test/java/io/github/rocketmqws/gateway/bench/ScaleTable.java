package io.github.rocketmqws.gateway.bench;

import static io.github.rocketmqws.gateway.bench.BenchReport.figure;

import java.util.List;
import java.util.Locale;

/**
 * The "scale" section of docs/benchmarks.md, from the figures every {@link ScaleBench} class kept, so the class that
 * runs last shows both transports. Besides the target keys ({@link BenchTargets#SCALE}) each run keeps the idle
 * figures it is compared with ({@code idleThreads}, {@code idleHeapMiB}), and notes when it failed or saw error
 * frames.
 */
final class ScaleTable {
    static final int[][] RUNS = {{1, 1}, {100, 1}, {100, 100}, {1000, 100}, {1000, 1000}};
    private static final List<String> TRANSPORTS = List.of("grpc", "remoting");

    private ScaleTable() {}

    static void keep(String transport, int sessions, int groups, ScaleRun.Result result) {
        String key = key(transport, sessions, groups);
        Footprint busy = result.busy();
        figure(key + "threads", busy == null ? Double.NaN : busy.threads());
        figure(key + "heapMiB", busy == null ? Double.NaN : busy.heapMiB());
        figure(key + "rssMiB", busy == null ? Double.NaN : busy.rssMiB());
        figure(key + "deliveries", result.deliveriesPerSecond());
        Footprint idle = result.idle();
        figure(key + "idleThreads", idle == null ? Double.NaN : idle.threads());
        figure(key + "idleHeapMiB", idle == null ? Double.NaN : idle.heapMiB());
        BenchReport.note(key + "failure", result.failure());
        BenchReport.note(key + "note", result.note());
    }

    static void render() {
        StringBuilder out = new StringBuilder(BenchReport.machine()).append("\n\n");
        out.append(String.format(Locale.ROOT, "Each run creates its groups, then subscribes its sessions to a topic "
                + "of its own (prefetch %d, client acks), session i in group i mod groups, at most %d subscribes at "
                + "once (a failed subscribe is tried again after 1 s, at most %d tries); the sessions are Vert.x "
                + "WebSocket clients on two event loops of their own, in the gateway's JVM. With all of them "
                + "subscribed: the JVM's live threads, heap used after full collections, RSS; \"+\" is over the same "
                + "figures taken just before the run, once every session of the previous run has closed and the "
                + "thread count has not fallen for %d s (consumers close in the background). Then one more connection "
                + "publishes messages = max(%d, %,d / groups) messages of %d bytes, %d unconfirmed at most; each "
                + "group gets every message once and every delivery is acked, so deliveries/s is messages x groups "
                + "over the time from the first publish to the last delivery.%n%n",
                ScaleRun.PREFETCH, ScaleRun.SUBSCRIBES_AT_ONCE, ScaleRun.SUBSCRIBE_ATTEMPTS,
                ScaleRun.SETTLED.toSeconds(), ScaleRun.MIN_PER_GROUP, ScaleRun.DELIVERIES, LoadDriver.BODY_BYTES,
                ScaleRun.PUBLISH_WINDOW));
        out.append("| transport | sessions | groups | messages | threads (+ over idle) | heap MiB (+ over idle) "
                + "| RSS MiB | deliveries/s |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder notes = new StringBuilder();
        for (String transport : TRANSPORTS) {
            for (int[] run : RUNS) {
                String key = key(transport, run[0], run[1]);
                double threads = figure(key + "threads");
                double heap = figure(key + "heapMiB");
                out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %s | %s | %s | %s |%n", transport,
                        run[0], run[1], ScaleRun.messages(run[1]),
                        over("%.0f", threads, figure(key + "idleThreads")),
                        over("%.1f", heap, figure(key + "idleHeapMiB")),
                        value("%.0f", figure(key + "rssMiB")), value("%,.0f", figure(key + "deliveries"))));
                for (String kind : List.of("failure", "note")) {
                    String text = BenchReport.note(key + kind);
                    if (text != null) {
                        notes.append(String.format(Locale.ROOT, "- %s, %,d sessions over %,d groups, %s: %s%n",
                                transport, run[0], run[1], kind, text));
                    }
                }
            }
        }
        if (!notes.isEmpty()) {
            out.append("\nFailures and error frames:\n\n").append(notes);
        }
        BenchReport.section("scale", out.toString());
    }

    static String key(String transport, int sessions, int groups) {
        return BenchTargets.SCALE + transport + "." + sessions + "x" + groups + ".";
    }

    /** {@code value} in {@code format} ("%.1f"), and how far it is over {@code idle} where that was measured. */
    private static String over(String format, double value, double idle) {
        return Double.isNaN(value) || Double.isNaN(idle) ? value(format, value)
                : String.format(Locale.ROOT, format + " (%+" + format.substring(1) + ")", value, value - idle);
    }

    private static String value(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
