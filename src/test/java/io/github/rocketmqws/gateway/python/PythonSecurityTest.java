package io.github.rocketmqws.gateway.python;

import io.github.rocketmqws.gateway.support.SecuredProfile;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python client's tests marked {@code secured} against this gateway with security on: the client carries
 * an API key over ws:// and wss:// (trusting the test certificate), and meets 401, FORBIDDEN and the profile's
 * frame limits as typed errors.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class PythonSecurityTest {
    private static final int TOPICS = 5;

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void thePythonClientCarriesCredentialsAndUnderstandsRefusals() throws Exception {
        int tlsPort = ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
        String topics = String.join(",", IntStream.range(0, TOPICS).mapToObj(i -> Topics.create("sec-py")).toList());
        PythonSuite.run("secured", "python-security-tests.xml", Map.of(
                "ROCKETMQ_WS_SECURE_URL", WsClient.webSocketUri(uri).toString(),
                "ROCKETMQ_WS_TLS_URL", "wss://localhost:" + tlsPort + "/ws/v1",
                "ROCKETMQ_WS_CA_FILE", SecurityFixtures.certificate().toString(),
                "ROCKETMQ_WS_TOKEN", SecurityFixtures.CLIENT_B_KEY,
                "ROCKETMQ_WS_TEST_TOPICS", topics,
                "ROCKETMQ_WS_MAX_FRAME_BYTES", Integer.toString(SecuredProfile.MAX_FRAME_BYTES),
                "ROCKETMQ_WS_MAX_MESSAGE_BYTES", Integer.toString(SecuredProfile.TRANSPORT_MAX_MESSAGE_SIZE)));
    }
}
