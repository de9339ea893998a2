package io.github.rocketmqws.gateway.security;

import static io.github.rocketmqws.gateway.support.SecurityFixtures.authorization;
import static io.github.rocketmqws.gateway.support.WsClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rocketmqws.gateway.metrics.GatewayMetrics;
import io.github.rocketmqws.gateway.support.SecuredProfile;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A frame outside the caller's permissions gets FORBIDDEN; the session goes on. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class AuthorizationTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Inject
    GatewayMetrics metrics;

    @Test
    void publishingOutsideTheGrantedTopicsIsForbiddenAndTheSessionGoesOn() {
        String outside = Topics.create("plain");
        String inside = Topics.create("sec-authz");
        double forbiddenBefore = metrics.count("gateway.errors", "code", "FORBIDDEN");
        try (WsClient client = WsClient.connect(uri, authorization(SecurityFixtures.CLIENT_A_KEY))) {
            JsonNode refused = client.request(frame("publish").put("topic", outside).put("body", "x"));
            assertThat(refused.path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(refused.path("message").asText()).contains("client-a", outside);
            assertThat(metrics.count("gateway.errors", "code", "FORBIDDEN")).isEqualTo(forbiddenBefore + 1);
            assertThat(client.publish(inside, "still fine")).isNotBlank();
        }
    }

    @Test
    void subscribingNeedsBothTheTopicAndTheGroup() {
        String inside = Topics.create("sec-authz");
        String outside = Topics.create("plain");
        try (WsClient client = WsClient.connect(uri, authorization(SecurityFixtures.CLIENT_A_KEY))) {
            assertThat(client.subscribe(inside, Topics.group("plain"), 1).path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(client.subscribe(outside, Topics.group("sec-authz"), 1).path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(client.subscribe(inside, Topics.group("sec-authz"), 1).path("op").asText()).isEqualTo("subscribed");
        }
    }

    @Test
    void aJwtWithoutAGrantingRoleMayConnectButNotPublish() {
        String topic = Topics.create("sec-authz");
        try (WsClient client = WsClient.connect(uri, authorization(SecurityFixtures.jwt("nobody", Duration.ofMinutes(5), "unknown-role")))) {
            assertThat(client.request(frame("publish").put("topic", topic).put("body", "x")).path("code").asText())
                    .isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void aMonitorOnlyCallerMayNotPublish() {
        String topic = Topics.create("sec-authz");
        try (WsClient client = WsClient.connect(uri, authorization(SecurityFixtures.OPS_KEY))) {
            assertThat(client.request(frame("publish").put("topic", topic).put("body", "x")).path("code").asText())
                    .isEqualTo("FORBIDDEN");
        }
    }
}
