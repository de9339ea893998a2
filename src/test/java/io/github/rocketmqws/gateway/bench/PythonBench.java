package io.github.rocketmqws.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rocketmqws.gateway.support.PythonEnv;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * python-client/bench/bench_python.py against this run's gateway and Proxy: rocketmq-ws through the gateway against
 * the official rocketmq-python-client straight to the Proxy, in the build's virtual environment. The script writes
 * its results as JSON; this class keeps them as figures and writes the "python" section of docs/benchmarks.md.
 * Run: ./mvnw verify -Pbench -Dtest=PythonBench -Dsurefire.failIfNoSpecifiedTests=false, optionally
 * -Dbench.python.messages=N (5,000 by default).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PythonBench {
    static final int MESSAGES = Integer.getInteger("bench.python.messages", 5000);
    static final int WARM_UP = 1000;
    static final int WINDOW = 64;
    static final String OFFICIAL_CLIENT = "rocketmq-python-client==5.1.2";
    private static final Path SCRIPT = Path.of("python-client", "bench", "bench_python.py");

    @TestHTTPResource("/ws/v1")
    URI uri;

    @ConfigProperty(name = "gateway.rocketmq.transport", defaultValue = "grpc")
    String transport;

    /** The script's results with the gateway on {@code transport}. */
    static Path results(String transport) {
        return Path.of("target", "bench", "python-" + transport + ".json");
    }

    /** The official client runs once, with the default profile; subclasses only add the gateway on their transport. */
    boolean measuresOfficial() {
        return true;
    }

    @Test
    void rocketmqWsAgainstTheOfficialClient() throws Exception {
        PythonEnv.install("./python-client", OFFICIAL_CLIENT);
        Path results = results(transport);
        Files.createDirectories(results.getParent());
        Files.deleteIfExists(results);
        String url = WsClient.webSocketUri(uri).toString();
        String proxy = LocalBroker.grpcEndpoint();
        // A short pass through the gateway first: the first phase of a fresh JVM runs at half speed.
        script(List.of("--url", url, "--proxy", proxy, "--gateway-topic", Topics.create("bench-py-warm"),
                "--count", Integer.toString(WARM_UP), "--window", Integer.toString(WINDOW), "--skip-official"));
        List<String> arguments = new ArrayList<>(List.of("--url", url, "--proxy", proxy, "--gateway-topic",
                Topics.create("bench-py"), "--official-topic", Topics.create("bench-py-official"), "--count",
                Integer.toString(MESSAGES), "--window", Integer.toString(WINDOW), "--json", results.toString()));
        if (!measuresOfficial()) {
            arguments.add("--skip-official");
        }
        String command = script(arguments);
        Files.writeString(Path.of(results.toString().replace(".json", ".command")), command);

        JsonNode measured = new ObjectMapper().readTree(results.toFile());
        for (JsonNode result : measured.path("results")) {
            String client = result.path("client").asText().equals("rocketmq-ws") ? "gateway-" + transport : "official";
            String phase = result.path("key").asText();
            if (List.of("publish1", "publish" + WINDOW, "consume").contains(phase)) {
                BenchReport.figure(BenchTargets.PYTHON + client + "." + phase, result.path("rate").asDouble());
            }
        }
        PythonTable.render();
        BenchTargets.render();
        assertThat(measured.path("results")).as("phases measured").hasSize(measuresOfficial() ? 7 : 4);
    }

    /** Runs the script in the build's virtual environment; returns the command line, relative to the project. */
    private static String script(List<String> arguments) throws Exception {
        Path python = PythonEnv.python();
        List<String> command = new ArrayList<>(List.of(python.toString(), SCRIPT.toString()));
        command.addAll(arguments);
        assertThat(PythonEnv.run(command, Map.of(), 1800)).as("%s exit code", SCRIPT).isZero();
        Path relative = Path.of("").toAbsolutePath().relativize(python);
        return relative + " " + String.join(" ", command.subList(1, command.size()));
    }
}
