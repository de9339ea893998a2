package io.github.rocketmqws.gateway.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.SmallRyeConfigBuilder;
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
                .hasMessageContaining("invisible-duration");
    }

    @Test
    void aBatchOverTheProxysMaximumIsRefused() {
        assertThatThrownBy(() -> ConfigCheck.check(config(Map.of("gateway.consumer.max-batch", "33"))))
                .hasMessageContaining("max-batch");
    }

    private static GatewayConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withDefaultValues(values)
                .build()
                .getConfigMapping(GatewayConfig.class);
    }
}
