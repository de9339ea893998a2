package io.github.rocketmqws.gateway.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCheckTest {
    @Test
    void theDefaultsPass() {
        assertThatCode(() -> ConfigCheck.check(config(Map.of()))).doesNotThrowAnyException();
    }

    @Test
    void anInvisibleDurationUnderTheProxysMinimumIsRefused() {
        assertThatThrownBy(() -> ConfigCheck.check(config(Map.of("gateway.consumer.invisible-duration", "9s"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invisible-duration is PT9S");
    }

    @Test
    void aBatchOverTheProxysMaximumIsRefused() {
        assertThatThrownBy(() -> ConfigCheck.check(config(Map.of("gateway.consumer.max-batch", "33"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("max-batch is 33");
    }

    @Test
    void theRemotingTransportNeedsANameServer() {
        assertThatThrownBy(() -> ConfigCheck.check(config(Map.of("gateway.rocketmq.transport", "remoting"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway.rocketmq.name-server");
        assertThatCode(() -> ConfigCheck.check(config(Map.of(
                "gateway.rocketmq.transport", "remoting", "gateway.rocketmq.name-server", "127.0.0.1:9876"))))
                .doesNotThrowAnyException();
    }

    private static GatewayConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "10s", as Quarkus reads it
                .withDefaultValues(values)
                .build()
                .getConfigMapping(GatewayConfig.class);
    }
}
