package io.github.rocketmqws.gateway.bench;

import java.util.List;
import java.util.Locale;

/** The "slow-consumer" section of docs/benchmarks.md: one table per ack mode. */
final class SlowConsumerTable {
    /** What one stalled session did to the gateway, and what a fresh reader of its group got afterwards. */
    record Run(String ackMode, Footprint before, double maxHeapMiB, Footprint after, int readByClient,
            int delivered, int inFlight, int ackedByGateway, double stalledSeconds, int drained,
            double drainSeconds) {}

    private SlowConsumerTable() {}

    static void render(double publishSeconds, List<Run> runs) {
        int messages = SlowConsumerBench.MESSAGES;
        StringBuilder md = new StringBuilder(BenchReport.machine()).append("\n\n");
        md.append(fmt("%,d messages of 1 KiB were published to a fresh topic (rocketmq-client-java straight to the "
                + "Proxy, 256 in flight, %.0f s). For each ack mode a fresh consumer group was created, the heap "
                + "sampled (after full GCs), and a WebSocket on a bare TCP socket (4 KiB receive buffer) subscribed "
                + "with prefetch %d, read frames up to the `subscribed` reply and then stopped reading, keeping the "
                + "connection open. The heap was sampled every %d s for %d s; \"after\" is the last sample, taken "
                + "with the socket still stalled. Then the socket closed and a fresh reader of the same group "
                + "(prefetch 1000, client acks) drained the topic, counting distinct sequence numbers: with client "
                + "acks it must get all %,d; with auto acks all but those the gateway acked for the stalled session "
                + "(written to its socket, so in the kernel's buffers or read).%n%n", messages, publishSeconds,
                SlowConsumerBench.PREFETCH, SlowConsumerBench.SAMPLE_EVERY.toSeconds(),
                SlowConsumerBench.STALL.toSeconds(), messages));
        for (Run run : runs) {
            md.append(fmt("**ackMode `%s`**%n%n| measure | value |%n|---|---|%n", run.ackMode()));
            md.append(fmt("| heap before (after GC) | %.1f MiB |%n", run.before().heapMiB()));
            md.append(fmt("| heap, max during the stall | %.1f MiB |%n", run.maxHeapMiB()));
            md.append(fmt("| heap after | %.1f MiB (%+.1f MiB) |%n", run.after().heapMiB(),
                    run.after().heapMiB() - run.before().heapMiB()));
            md.append(fmt("| RSS before / after | %.0f / %.0f MiB |%n", run.before().rssMiB(), run.after().rssMiB()));
            md.append(fmt("| threads before / after | %d / %d |%n", run.before().threads(), run.after().threads()));
            md.append(fmt("| messages the gateway sent the session before it stalled | %,d |%n", run.delivered()));
            md.append(fmt("| of which the client read (before `subscribed`) | %,d |%n", run.readByClient()));
            md.append(fmt("| in flight (un-acked, gateway's count) at the end | %,d |%n", run.inFlight()));
            md.append(fmt("| acked at RocketMQ by the gateway for the session | %,d |%n", run.ackedByGateway()));
            md.append(fmt("| stalled for | %.1f s |%n", run.stalledSeconds()));
            md.append(fmt("| fresh reader afterwards | %,d distinct of %,d in %.1f s |%n%n", run.drained(), messages,
                    run.drainSeconds()));
        }
        BenchReport.section("slow-consumer", md.toString());
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
