package io.github.rocketmqws.gateway.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Python client's pytest suite, run from this build: the client is installed from python-client/ into a virtual
 * environment under target/, with the real websockets library from PyPI. The suite sees only the ROCKETMQ_WS_*
 * variables it is given, never those of the shell that started the build.
 */
final class PythonSuite {
    private static final Path VENV = Path.of("target", "python-venv");

    private PythonSuite() {}

    /**
     * Runs the tests that {@code markers} selects (a pytest {@code -m} expression) and asserts they all passed and
     * none was skipped; the JUnit XML report goes to {@code target/<report>}.
     */
    static void run(String markers, String report, Map<String, String> environment) throws Exception {
        Path python = virtualEnvironment();
        run(List.of(python.toString(), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                "./python-client[test]"), Map.of(), 600);
        Path xml = Path.of("target", report).toAbsolutePath();
        int exit = run(List.of(python.toString(), "-m", "pytest", "python-client/tests", "-m", markers,
                        "-p", "no:cacheprovider", "--junitxml=" + xml, "-o", "junit_family=xunit2"),
                environment, 900);
        assertThat(exit).as("pytest -m '%s' exit code (report: %s)", markers, xml).isZero();
        assertThat(Files.readString(xml)).as("pytest report").contains("<testcase").doesNotContain("<skipped");
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
        builder.environment().keySet().removeIf(name -> name.startsWith("ROCKETMQ_WS_"));
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
