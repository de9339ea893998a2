package io.github.rocketmqws.gateway.python;

import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python client's whole pytest suite (unit, integration, mypy --strict, ruff) against this gateway and the
 * run's local RocketMQ, except the tests that need security on: {@link PythonSecurityTest} runs those.
 */
@QuarkusTest
class PythonClientTest {
    private static final int TOPICS = 24;

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void thePythonClientSuitePassesAgainstTheGateway() throws Exception {
        String topics = String.join(",", IntStream.range(0, TOPICS).mapToObj(i -> Topics.create("py")).toList());
        PythonSuite.run("not secured", "python-tests.xml",
                Map.of("ROCKETMQ_WS_URL", WsClient.webSocketUri(uri).toString(), "ROCKETMQ_WS_TEST_TOPICS", topics));
    }
}
