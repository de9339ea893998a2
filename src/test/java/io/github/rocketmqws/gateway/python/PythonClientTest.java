package io.github.rocketmqws.gateway.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python client's whole pytest suite (unit, integration, mypy --strict, ruff) against this gateway and the
 * run's local RocketMQ: the client is installed from python-client/ into a virtual environment under target/, with
 * the real websockets library from PyPI.
 */
@QuarkusTest
class PythonClientTest {
    private static final Path VENV = Path.of("target", "python-venv");
    private static final int TOPICS = 24;

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void thePythonClientSuitePassesAgainstTheGateway() throws Exception {
        Path python = virtualEnvironment();
        run(List.of(python.toString(), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                "./python-client[test]"), Map.of(), 600);

        String topics = String.join(",", IntStream.range(0, TOPICS).mapToObj(i -> Topics.create("py")).toList());
        Path report = Path.of("target", "python-tests.xml").toAbsolutePath();
        int exit = run(List.of(python.toString(), "-m", "pytest", "python-client/tests", "-p", "no:cacheprovider",
                        "--junitxml=" + report, "-o", "junit_family=xunit2"),
                Map.of("ROCKETMQ_WS_URL", WsClient.webSocketUri(uri).toString(), "ROCKETMQ_WS_TEST_TOPICS", topics), 900);
        assertThat(exit).as("pytest exit code (report: %s)", report).isZero();
        assertThat(Files.readString(report)).as("pytest report").contains("<testcase").doesNotContain("<skipped");
    }

    private static Path virtualEnvironment() throws Exception {
        boolean windows = File.separatorChar == '\\';
        Path python = VENV.resolve(windows ? "Scripts/python.exe" : "bin/python");
        if (!Files.isExecutable(python)) {
            run(List.of(windows ? "python" : "python3", "-m", "venv", VENV.toString()), Map.of(), 300);
        }
        return python.toAbsolutePath();
    }

    private static int run(List<String> command, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).inheritIO();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0 && !command.contains("pytest")) {
            throw new AssertionError(command + " failed with exit code " + process.exitValue());
        }
        return process.exitValue();
    }
}
