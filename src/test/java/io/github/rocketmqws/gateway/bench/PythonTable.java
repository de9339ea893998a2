package io.github.rocketmqws.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The "python" section of docs/benchmarks.md, from the JSON that bench_python.py wrote. */
final class PythonTable {
    private static final Map<String, String> PHASES = new LinkedHashMap<>();

    static {
        PHASES.put("publish1", "publish, 1 in flight");
        PHASES.put("publish" + PythonBench.WINDOW, "publish, " + PythonBench.WINDOW + " in flight");
        PHASES.put("consume", "consume, an ack per message");
        PHASES.put("consume-auto", "consume, `ack_mode=\"auto\"` (rocketmq-ws only)");
    }

    private PythonTable() {}

    /** Renders from the script's results of every transport measured so far (target/bench/python-*.json). */
    static void render() throws IOException {
        JsonNode grpc = read("grpc");
        JsonNode remoting = read("remoting");
        JsonNode results = grpc.isMissingNode() ? remoting : grpc;
        JsonNode versions = results.path("versions");
        JsonNode arguments = results.path("arguments");
        int count = arguments.path("count").asInt();
        StringBuilder md = new StringBuilder(BenchReport.machine()).append("\n\n");
        md.append(fmt("Python %s, rocketmq-ws %s with websockets %s through the gateway (on each transport); "
                        + "rocketmq-python-client %s (grpcio %s, protobuf %s) straight to the Proxy. %,d messages of %d "
                        + "bytes per phase (publish 1 in flight: a fifth of them); rocketmq-ws consumes with prefetch %d "
                        + "and acks without waiting for each reply, the official client receives batches of 32 and acks "
                        + "each message on %d threads. Client CPU is the script's own (all its threads). Each run first "
                        + "runs the script with `--skip-official --count %d` on a topic of its own to warm the gateway "
                        + "up, then:%n%n```%n%s%n%s%n```%n%n",
                versions.path("python").asText(), versions.path("rocketmq-ws").asText(),
                versions.path("websockets").asText(), versions.path("rocketmq-python-client").asText(),
                versions.path("grpcio").asText(), versions.path("protobuf").asText(), count,
                arguments.path("size").asInt(), arguments.path("prefetch").asInt(),
                arguments.path("window").asInt() / 4, PythonBench.WARM_UP, command("grpc"), command("remoting")));
        md.append("| phase | rocketmq-ws via gateway on grpc, msgs/s | via gateway on remoting, msgs/s | official, msgs/s "
                + "| ratio (grpc / remoting) | client CPU s (ws on grpc / official) |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        PHASES.forEach((key, phase) -> {
            JsonNode wsGrpc = find(grpc, "rocketmq-ws", key);
            JsonNode wsRemoting = find(remoting, "rocketmq-ws", key);
            JsonNode official = find(grpc, "official", key.equals("consume-auto") ? "consume" : key);
            double rate = official.path("rate").asDouble();
            md.append(fmt("| %s | %s | %s | %s | %.2fx / %.2fx | %.2f / %.2f |%n", phase, rate(wsGrpc, count),
                    rate(wsRemoting, count), rate(official, count), wsGrpc.path("rate").asDouble() / rate,
                    wsRemoting.path("rate").asDouble() / rate, wsGrpc.path("cpu").asDouble(),
                    official.path("cpu").asDouble()));
        });
        md.append("\nThe auto-ack row compares with the official client's consume (it has no auto ack). \"only N\" "
                + "marks a phase that stopped at its timeout with N messages.\n");
        BenchReport.section("python", md.toString());
    }

    private static JsonNode read(String transport) throws IOException {
        Path file = PythonBench.results(transport);
        return Files.exists(file) ? new ObjectMapper().readTree(file.toFile()) : MissingNode.getInstance();
    }

    private static String command(String transport) throws IOException {
        Path file = Path.of(PythonBench.results(transport).toString().replace(".json", ".command"));
        return Files.exists(file) ? Files.readString(file) : "(gateway on " + transport + ": not run)";
    }

    private static JsonNode find(JsonNode results, String client, String key) {
        for (JsonNode result : results.path("results")) {
            if (client.equals(result.path("client").asText()) && key.equals(result.path("key").asText())) {
                return result;
            }
        }
        return MissingNode.getInstance();
    }

    /** msgs/s, and the messages the phase got when it stopped short of its count (phase timeout). */
    private static String rate(JsonNode result, int count) {
        if (result.isMissingNode()) {
            return "not measured";
        }
        int expected = result.path("key").asText().equals("publish1") ? Math.max(count / 5, 1) : count;
        int messages = result.path("messages").asInt();
        String rate = fmt("%,.0f", result.path("rate").asDouble());
        return messages < expected ? rate + fmt(" (only %,d)", messages) : rate;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
