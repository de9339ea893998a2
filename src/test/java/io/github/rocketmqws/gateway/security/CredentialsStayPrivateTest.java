package io.github.rocketmqws.gateway.security;

import static io.github.rocketmqws.gateway.support.SecurityFixtures.authorization;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rocketmqws.gateway.support.SecuredProfile;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The broker secret signs the gateway's requests (publish and consume work with it configured) but never leaves
 * the gateway: not in a reply, not in the REST API, not in a log line at debug level. Neither do clients' tokens.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class CredentialsStayPrivateTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void noCredentialAppearsInRepliesTheRestApiOrTheLog() throws Exception {
        String topic = Topics.create("sec-private");
        String jwt = SecurityFixtures.jwt("logged", Duration.ofMinutes(5), "sec-client");
        StringBuilder seen = new StringBuilder();
        try (WsClient client = WsClient.connect(uri, authorization(jwt))) {
            client.subscribe(topic, Topics.group("sec-private"), 4);
            client.publish(topic, "signed with the broker credentials");
            client.ack(client.awaitMessages(1).get(0));
            seen.append(client.frames());
        }
        // Refused attempts are logged too (at debug), without the credential they carried.
        assertThatThrownBy(() -> WsClient.connect(uri, authorization("key-refused-but-secret-0123")))
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);
        seen.append(given().header("Authorization", SecurityFixtures.bearer(SecurityFixtures.OPS_KEY))
                .get("/api/v1/status").then().statusCode(200).extract().asString());
        seen.append(given().header("Authorization", SecurityFixtures.bearer(SecurityFixtures.OPS_KEY))
                .get("/api/v1/sessions").then().statusCode(200).extract().asString());

        String log = Files.readString(SecuredProfile.LOG);
        assertThat(log).as("the gateway's debug log").contains("session").contains("logged");
        for (String secret : new String[] {SecurityFixtures.BROKER_SECRET, SecurityFixtures.CLIENT_A_KEY, SecurityFixtures.OPS_KEY,
                "key-refused-but-secret-0123", jwt, jwt.substring(jwt.lastIndexOf('.') + 1)}) {
            assertThat(log).as("the log").doesNotContain(secret);
            assertThat(seen.toString()).as("replies and REST answers").doesNotContain(secret);
        }
    }
}
