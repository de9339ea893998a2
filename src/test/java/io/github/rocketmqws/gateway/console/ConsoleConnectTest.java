package io.github.rocketmqws.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

@QuarkusTest
class ConsoleConnectTest extends ConsoleBrowser {
    @Test
    void theConsoleConnectsToTheGatewayThatServedIt() {
        ConsolePage page = openConnected();
        ConnectView connect = page.connect();
        assertThat(connect.url()).isEqualTo(gatewayUrl());
        assertThat(connect.errorCode()).isNull();
        browser().screenshot("connect", page.header());
    }

    @Test
    void disconnectingAndAFailedConnectShowTheirStateAndConnectingAgainWorks() {
        ConsolePage page = openDisconnected();
        ConnectView connect = page.connect();
        assertThat(connect.state()).isEqualTo("idle");

        connect.connectTo("ws://127.0.0.1:9/ws/v1").awaitState("failed"); // port 9 (discard) refuses
        assertThat(connect.errorCode()).isEqualTo("CONNECT_FAILED");
        browser().screenshot("connect-failed", page.header());

        connect.connectTo(gatewayUrl()).awaitState("open");
        assertThat(connect.errorCode()).isNull();
        connect.disconnect().awaitState("idle");
    }

    @Test
    void aFrameOverTheGatewaysLimitLosesTheConnectionAndTheConsoleReconnects() {
        ConsolePage page = openConnected();
        // 9 MiB of text: over quarkus.websockets-next.server.max-message-size (8 MiB), so the gateway closes the
        // socket (docs/protocol.md, Transport). The body goes in by script: typing it would take minutes.
        ((JavascriptExecutor) browser().driver()).executeScript(
                "document.getElementById('publish-body').value = 'x'.repeat(9 * 1024 * 1024)");
        String code = page.publish().topic("TopicTest").publishExpectingError();

        assertThat(code).isEqualTo("CONNECTION_LOST");
        // the page shows the close code and reason (docs/protocol.md, Transport)
        assertThat(page.publish().errorText()).contains("close 1009");
        page.connect().awaitState("open");
    }
}
