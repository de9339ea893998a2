package io.github.rocketmqws.gateway.console;

import static io.github.rocketmqws.gateway.support.SecurityFixtures.CLIENT_A_KEY;
import static io.github.rocketmqws.gateway.support.SecurityFixtures.CONSOLE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rocketmqws.gateway.support.SecuredProfile;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.github.rocketmqws.gateway.support.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The console against a gateway with security on (docs/security.md): the token travels in the WebSocket's
 * subprotocols and in the status requests' Authorization header, and every refusal is shown for what it is. Each test
 * publishes at most twice, well under the profile's publish rate.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class ConsoleSecurityTest extends ConsoleBrowser {
    @Test
    void withTheConsoleKeyMessagesFlowAndTheTokenStaysInMemory() {
        String topic = Topics.create("sec-console");
        ConsolePage page = openDisconnected();
        page.connect().withToken(CONSOLE_KEY).connectTo(gatewayUrl()).awaitState("open");
        browser().screenshot("secured-connect", page.header());

        SubscribeView subscribe = page.subscribe().subscribe(topic, Topics.group("sec-console")).awaitState("subscribed");
        String messageId = page.publish().topic(topic).text("hello with a token").publish();
        MessageItem message = subscribe.awaitMessage(messageId, 1);

        assertThat(message.body()).isEqualTo("hello with a token");
        message.ack().awaitStatus("acked");
        assertThat(page.persists(CONSOLE_KEY)).as("the token in storage, cookies or the URL").isFalse();
    }

    @Test
    void withoutATokenOrWithAWrongOneTheConsoleShowsTheRefusalAndItsLikelyCauses() {
        ConsolePage page = openDisconnected();
        ConnectView connect = page.connect();

        connect.connectTo(gatewayUrl()).awaitState("failed");
        assertThat(connect.errorCode()).isEqualTo("CONNECT_FAILED");
        assertThat(connect.refusalText()).contains("none was given");

        connect.withToken("not-a-key-of-this-gateway").connectTo(gatewayUrl()).awaitState("failed");
        assertThat(connect.errorCode()).isEqualTo("CONNECT_FAILED");
        assertThat(connect.errorText()).contains("refused").contains("close 1006");
        assertThat(connect.refusalShown()).isTrue();
        assertThat(connect.refusalCauses()).containsExactly("token", "origin", "limits", "unreachable");
        assertThat(connect.refusalText()).contains("does not accept it").contains("gateway.security.allowed-origins")
                .contains("max-connections-per-principal").contains("HTTP 401", "HTTP 403", "HTTP 429", "HTTP 503");
        browser().screenshot("secured-connect-refused", page.header());

        connect.withToken(CONSOLE_KEY).connectTo(gatewayUrl()).awaitState("open");
        assertThat(connect.errorCode()).isNull();
        assertThat(connect.refusalShown()).isFalse();
    }

    @Test
    void aTopicOutsideTheTokensRolesIsForbiddenAndTheSessionGoesOn() {
        String topic = Topics.create("sec-console");
        ConsolePage page = openDisconnected();
        page.connect().withToken(CONSOLE_KEY).connectTo(gatewayUrl()).awaitState("open");
        long connection = page.connectionNumber();

        SubscribeView subscribe = page.subscribe().subscribe("TopicTest", Topics.group("sec-console")).awaitState("error");
        assertThat(subscribe.errorCode()).isEqualTo("FORBIDDEN");
        String code = page.publish().topic("TopicTest").text("not for this token").publishExpectingError();
        assertThat(code).isEqualTo("FORBIDDEN");
        assertThat(page.publish().errorText()).contains("may not publish to topic 'TopicTest'");
        browser().screenshot("secured-publish-forbidden", page.publish().element());

        subscribe.subscribe(topic, Topics.group("sec-console")).awaitState("subscribed");
        String messageId = page.publish().topic(topic).text("the session goes on").publish();
        subscribe.awaitMessage(messageId, 1).ack().awaitStatus("acked");
        assertThat(page.connectionNumber()).as("the same socket: no reconnect").isEqualTo(connection);
    }

    @Test
    void theStatusViewAsksForATokenAndShowsTheGatewayWithTheConsoleKey() {
        ConsolePage page = openDisconnected();
        StatusView status = page.status().awaitState("unauthorized");
        assertThat(status.errorCode()).isEqualTo("HTTP 401");
        assertThat(status.errorText()).contains("not authorized").contains("monitor permission");

        page.connect().withToken(CONSOLE_KEY).connectTo(gatewayUrl()).awaitState("open");
        status.awaitState("ok");
        assertThat(status.errorCode()).isNull();
        assertThat(status.broker()).isEqualTo("reachable");
        page.await().withMessage("the page's own session counted").until(d -> status.sessions() >= 1);
        browser().screenshot("secured-status", status.element());
    }

    @Test
    void aTokenWithoutTheMonitorPermissionShowsTheStatusAsNotAuthorized() {
        ConsolePage page = openDisconnected();
        StatusView status = page.status().awaitErrorCode("HTTP 401");

        page.connect().withToken(CLIENT_A_KEY).connectTo(gatewayUrl()).awaitState("open");
        status.awaitErrorCode("HTTP 403");

        assertThat(status.state()).isEqualTo("unauthorized");
        assertThat(status.errorText()).contains("not authorized: the token lacks the monitor permission");
        assertThat(status.broker()).isEqualTo("–");
        browser().screenshot("secured-status-forbidden", status.element());
    }

    @Test
    void aJwtThatExpiresWhileConnectedEndsTheConnectionWithThatReason() {
        ConsolePage page = openDisconnected();
        String token = SecurityFixtures.jwt("console-jwt", Duration.ofSeconds(6), "sec-client");
        ConnectView connect = page.connect().withToken(token).connectTo(gatewayUrl());

        // "failed" only after the gateway's close: a JWT expired before the upgrade would be CONNECT_FAILED
        connect.awaitState("failed");
        assertThat(connect.errorCode()).isEqualTo("CONNECTION_LOST");
        assertThat(connect.errorText()).contains("close 1008: credentials expired").contains("fresh token");
        assertThat(connect.refusalShown()).isFalse();
        browser().screenshot("secured-credentials-expired", page.header());
    }

    @Override
    boolean expectedInBrowserLog(String line) {
        // Chromium logs the refused status requests itself; the status view shows them
        return super.expectedInBrowserLog(line)
                || line.contains("status of 401")
                || line.contains("status of 403");
    }
}
