package io.github.rocketmqws.gateway.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rocketmqws.gateway.support.PythonEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Python client's pytest suite, run from this build: the client is installed from python-client/ into the
 * build's virtual environment ({@link PythonEnv}), with the real websockets library from PyPI. The suite sees only
 * the ROCKETMQ_WS_* variables it is given, never those of the shell that started the build.
 */
final class PythonSuite {
    private PythonSuite() {}

    /**
     * Runs the tests that {@code markers} selects (a pytest {@code -m} expression) and asserts they all passed and
     * none was skipped; the JUnit XML report goes to {@code target/<report>}.
     */
    static void run(String markers, String report, Map<String, String> environment) throws Exception {
        PythonEnv.install("./python-client[test]");
        Path xml = Path.of("target", report).toAbsolutePath();
        int exit = PythonEnv.run(List.of(PythonEnv.python().toString(), "-m", "pytest", "python-client/tests", "-m",
                        markers, "-p", "no:cacheprovider", "--junitxml=" + xml, "-o", "junit_family=xunit2"),
                environment, 900);
        assertThat(exit).as("pytest -m '%s' exit code (report: %s)", markers, xml).isZero();
        assertThat(Files.readString(xml)).as("pytest report").contains("<testcase").doesNotContain("<skipped");
    }
}
