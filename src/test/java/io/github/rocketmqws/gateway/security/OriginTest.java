package io.github.rocketmqws.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rocketmqws.gateway.support.RawSocketClient;
import io.github.rocketmqws.gateway.support.SecuredProfile;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against cross-site WebSocket hijacking: a browser's upgrade must come from an allowed origin. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class OriginTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://evil.example, 403",
        "null, 403",
        "https://allowed.example, 101",
        "HTTPS://ALLOWED.EXAMPLE/, 101",
        "same-origin, 101"
    })
    void originsAreCheckedEvenWithValidCredentials(String origin, int expectedStatus) throws Exception {
        URI ws = WsClient.webSocketUri(uri);
        String value = origin.equals("same-origin") ? "http://" + ws.getHost() + ":" + ws.getPort() : origin;
        String response = RawSocketClient.upgradeResponse(ws, Map.of(
                "Origin", value, "Authorization", SecurityFixtures.bearer(SecurityFixtures.CLIENT_A_KEY)));
        assertThat(response).startsWith("HTTP/1.1 " + expectedStatus);
    }

    @Test
    void aClientWithoutOriginIsNotABrowserAndIsNotRefused() throws Exception {
        String response = RawSocketClient.upgradeResponse(WsClient.webSocketUri(uri),
                Map.of("Authorization", SecurityFixtures.bearer(SecurityFixtures.CLIENT_A_KEY)));
        assertThat(response).startsWith("HTTP/1.1 101");
    }
}
