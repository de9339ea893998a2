package io.github.rocketmqws.gateway.security;

import static io.github.rocketmqws.gateway.support.SecurityFixtures.authorization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rocketmqws.gateway.support.RawSocketClient;
import io.github.rocketmqws.gateway.support.SecuredProfile;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Silent connections are pinged; one that answers nothing, not even a pong, is closed with 1001. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class IdleTimeoutTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void aClientThatNeverAnswersPingsIsClosedWhileOneThatPongsStays() throws Exception {
        Duration idleTimeout = Duration.parse("PT" + SecuredProfile.IDLE_TIMEOUT);
        try (RawSocketClient mute = RawSocketClient.connect(WsClient.webSocketUri(uri),
                        Map.of("Authorization", SecurityFixtures.bearer(SecurityFixtures.CLIENT_A_KEY)));
                WsClient alive = WsClient.connect(uri, authorization(SecurityFixtures.CLIENT_B_KEY))) {
            long started = System.nanoTime();
            assertThat(mute.awaitClose()).isEqualTo(1001);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(idleTimeout.minusMillis(500));

            // The JDK client answers pings by itself: it stays open for twice the idle timeout.
            await().during(idleTimeout.multipliedBy(2)).atMost(idleTimeout.multipliedBy(3))
                    .pollInterval(100, TimeUnit.MILLISECONDS).until(() -> !alive.isClosed());
        }
    }
}
