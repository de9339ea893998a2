package io.github.rocketmqws.gateway.broker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.github.rocketmqws.gateway.broker.rocketmq.remoting.PopSubscriber;
import io.github.rocketmqws.gateway.broker.rocketmq.remoting.RemotingPublisher;
import io.github.rocketmqws.gateway.support.RemotingProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** gateway.rocketmq.transport=remoting gives the session layer the classic client's publisher and subscriber. */
@QuarkusTest
@TestProfile(RemotingProfile.class)
class TransportSelectionOverRemotingTest {
    @Inject
    MessagePublisher publisher;

    @Inject
    MessageSubscriber subscriber;

    @Test
    void theRemotingBeansServeAndTheProxyIsOutOfThePath() {
        assertThat(publisher).isInstanceOf(RemotingPublisher.class);
        assertThat(subscriber).isInstanceOf(PopSubscriber.class);
        // Every other *OverRemotingTest passes with the Proxy endpoint on a closed port.
        assertThat(ConfigProvider.getConfig().getValue("gateway.rocketmq.endpoints", String.class)).isEqualTo("127.0.0.1:1");
        given().get("/api/v1/status").then().statusCode(200)
                .body("transport", equalTo("remoting"))
                .body("brokerReachable", equalTo(true));
    }
}
