package io.github.rocketmqws.gateway.python;

import io.github.rocketmqws.gateway.support.RemotingProfile;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Python client's integration tests, unchanged, against the gateway on the remoting transport. */
@QuarkusTest
@TestProfile(RemotingProfile.class)
class PythonClientOverRemotingTest {
    private static final int TOPICS = 24;

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void thePythonIntegrationTestsPassOverRemoting() throws Exception {
        String topics = String.join(",", IntStream.range(0, TOPICS).mapToObj(i -> Topics.create("py")).toList());
        PythonSuite.run("integration and not secured", "python-tests-remoting.xml",
                Map.of("ROCKETMQ_WS_URL", WsClient.webSocketUri(uri).toString(), "ROCKETMQ_WS_TEST_TOPICS", topics));
    }
}
