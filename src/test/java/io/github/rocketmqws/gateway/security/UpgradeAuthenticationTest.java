package io.github.rocketmqws.gateway.security;

import static io.github.rocketmqws.gateway.support.SecurityFixtures.authorization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rocketmqws.gateway.metrics.GatewayMetrics;
import io.github.rocketmqws.gateway.support.RawSocketClient;
import io.github.rocketmqws.gateway.support.SecuredProfile;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Credentials are checked once, at the upgrade: no valid token, no socket. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class UpgradeAuthenticationTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Inject
    GatewayMetrics metrics;

    @Test
    void anUpgradeWithoutCredentialsGets401WithABearerChallenge() throws Exception {
        double refusedBefore = metrics.count("gateway.upgrades.refused", "reason", "credentials");
        String response = RawSocketClient.upgradeResponse(WsClient.webSocketUri(uri), Map.of());
        assertThat(response).startsWith("HTTP/1.1 401").containsIgnoringCase("www-authenticate: Bearer");
        assertThat(metrics.count("gateway.upgrades.refused", "reason", "credentials")).isEqualTo(refusedBefore + 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unknown-api-key", "stranger-jwt", "wrong-issuer-jwt", "expired-jwt", "not-bearer"})
    void invalidCredentialsGet401(String kind) {
        Map<String, String> headers = switch (kind) {
            case "unknown-api-key" -> authorization("key-nobody-has-0000000000000000");
            case "stranger-jwt" -> authorization(SecurityFixtures.jwtSignedByStranger("mallory", "sec-client"));
            case "wrong-issuer-jwt" -> authorization(SecurityFixtures.jwtFromIssuer("https://other.issuer", "eve", "sec-client"));
            case "expired-jwt" -> authorization(SecurityFixtures.jwt("late", Duration.ofMinutes(-10), "sec-client"));
            default -> Map.of("Authorization", "Basic " + SecurityFixtures.CLIENT_A_KEY);
        };
        assertThat(upgradeStatus(headers)).isEqualTo(401);
    }

    @Test
    void anApiKeyOpensASessionThatMayPublish() {
        String topic = Topics.create("sec-auth");
        try (WsClient client = WsClient.connect(uri, authorization(SecurityFixtures.CLIENT_A_KEY))) {
            assertThat(client.publish(topic, "hello")).isNotBlank();
        }
    }

    @Test
    void aJwtOpensASessionWithTheRolesOfItsGroupsClaim() {
        String topic = Topics.create("sec-auth");
        try (WsClient client = WsClient.connect(uri, authorization(SecurityFixtures.jwt("jane", Duration.ofMinutes(5), "sec-client")))) {
            assertThat(client.publish(topic, "hello")).isNotBlank();
        }
    }

    @Test
    void aBrowserCarriesItsTokenInTheSubprotocolHeader() {
        String topic = Topics.create("sec-auth");
        try (WsClient client = WsClient.connectOffering(uri, SecurityFixtures.browserSubprotocols(SecurityFixtures.CONSOLE_KEY))) {
            assertThat(client.subprotocol()).isEqualTo("rocketmq-ws.v1");
            assertThat(client.publish(topic, "from a browser")).isNotBlank();
        }
        assertThatThrownBy(() -> WsClient.connectOffering(uri, SecurityFixtures.browserSubprotocols("wrong-token")))
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void aTokenThatExpiresWhileOpenClosesTheSocketWith1008() {
        String topic = Topics.create("sec-auth");
        String group = Topics.group("sec-auth");
        try (WsClient client = WsClient.connect(uri, authorization(SecurityFixtures.jwt("brief", Duration.ofSeconds(5), "sec-client")));
                WsClient publisher = WsClient.connect(uri, authorization(SecurityFixtures.CLIENT_B_KEY))) {
            assertThat(client.subscribe(topic, group, 4).path("op").asText()).isEqualTo("subscribed");
            publisher.publish(topic, "delivered, never acked");
            String messageId = client.awaitMessages(1).get(0).path("messageId").asText();

            client.awaitClosed();
            assertThat(client.closeCode()).isEqualTo(1008);
            assertThat(client.closeReason()).isEqualTo("credentials expired");

            // Closing returned the un-acked message to RocketMQ: the next session of the group receives it.
            try (WsClient next = WsClient.connect(uri, authorization(SecurityFixtures.CLIENT_B_KEY))) {
                next.subscribe(topic, group, 4);
                assertThat(next.awaitMessages(1).get(0).path("messageId").asText()).isEqualTo(messageId);
            }
        }
    }

    private int upgradeStatus(Map<String, String> headers) {
        try (WsClient ignored = WsClient.connect(uri, headers)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }
}
