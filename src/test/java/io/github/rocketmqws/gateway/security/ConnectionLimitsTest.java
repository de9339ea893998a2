package io.github.rocketmqws.gateway.security;

import static io.github.rocketmqws.gateway.support.SecurityFixtures.authorization;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rocketmqws.gateway.support.RawSocketClient;
import io.github.rocketmqws.gateway.support.SecuredProfile;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Connections are refused at upgrade beyond the per-principal (429) and the gateway's (503) limits. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class ConnectionLimitsTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void aPrincipalBeyondItsLimitGets429AndOthersAreNotAffected() throws Exception {
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < SecuredProfile.MAX_CONNECTIONS_PER_PRINCIPAL; i++) {
                open.add(WsClient.connect(uri, authorization(SecurityFixtures.LIMITED_KEY)));
            }
            assertThat(upgrade(SecurityFixtures.LIMITED_KEY)).startsWith("HTTP/1.1 429");
            assertThat(upgrade(SecurityFixtures.CLIENT_A_KEY)).startsWith("HTTP/1.1 101");

            open.remove(0).close();
            try (WsClient again = awaitConnect(SecurityFixtures.LIMITED_KEY)) {
                assertThat(again.isClosed()).isFalse();
            }
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void theGatewayBeyondItsLimitGets503() throws Exception {
        List<WsClient> open = new ArrayList<>();
        try {
            // Distinct principals (JWTs), so only the gateway's total limit can refuse.
            Integer refused = null;
            for (int i = 0; i <= SecuredProfile.MAX_CONNECTIONS && refused == null; i++) {
                try {
                    open.add(WsClient.connect(uri, authorization(
                            SecurityFixtures.jwt("bulk-" + i, Duration.ofMinutes(5), "sec-client"))));
                } catch (CompletionException e) {
                    refused = ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
                }
            }
            assertThat(refused).as("an upgrade beyond %d connections", SecuredProfile.MAX_CONNECTIONS).isEqualTo(503);
        } finally {
            open.forEach(WsClient::close);
        }
        try (WsClient afterwards = awaitConnect(SecurityFixtures.CLIENT_A_KEY)) {
            assertThat(afterwards.isClosed()).isFalse();
        }
    }

    /** A probe upgrade that opens and at once drops a socket when admitted (it holds no slot afterwards). */
    private String upgrade(String token) throws Exception {
        return RawSocketClient.upgradeResponse(WsClient.webSocketUri(uri), Map.of("Authorization", SecurityFixtures.bearer(token)));
    }

    /** Slots free when the gateway has processed a close, which is asynchronous to the client's close. */
    private WsClient awaitConnect(String token) {
        WsClient[] connected = new WsClient[1];
        org.awaitility.Awaitility.await().atMost(WsClient.TIMEOUT).ignoreExceptions()
                .until(() -> (connected[0] = WsClient.connect(uri, authorization(token))) != null);
        return connected[0];
    }
}
