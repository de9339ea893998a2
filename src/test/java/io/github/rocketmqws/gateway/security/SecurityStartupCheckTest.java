package io.github.rocketmqws.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prod profile of the shipped application.properties does not start open by accident. */
class SecurityStartupCheckTest {
    @Test
    void prodWithoutCredentialsRefusesToStart() throws Exception {
        Authenticator prod = new Authenticator(config("prod", Map.of()));
        assertThat(prod.enabled()).isTrue();
        assertThatThrownBy(() -> SecurityStartupCheck.check(prod, LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway.security.enabled=false");
    }

    @Test
    void prodRunsOpenOnlyWhenToldExplicitly() throws Exception {
        Authenticator open = new Authenticator(config("prod", Map.of("gateway.security.enabled", "false")));
        assertThatCode(() -> SecurityStartupCheck.check(open, LaunchMode.NORMAL)).doesNotThrowAnyException();
        assertThat(open.authenticate(null)).contains(Caller.ANONYMOUS);
    }

    @Test
    void prodWithAnApiKeyStartsAndAuthenticatesIt() throws Exception {
        Authenticator secured = new Authenticator(config("prod", Map.of(
                "gateway.security.api-keys.alice.sha256", SecurityFixtures.sha256("alice-key"),
                "gateway.security.api-keys.alice.roles", "writer",
                "gateway.security.roles.writer.publish", "orders-*")));
        assertThatCode(() -> SecurityStartupCheck.check(secured, LaunchMode.NORMAL)).doesNotThrowAnyException();
        Caller alice = secured.authenticate("Bearer alice-key").orElseThrow();
        assertThat(alice.name()).isEqualTo("alice");
        assertThat(alice.permissions().mayPublish("orders-eu")).isTrue();
        assertThat(alice.permissions().mayPublish("payments")).isFalse();
        assertThat(secured.authenticate("Bearer bob-key")).isEmpty();
        assertThat(secured.authenticate(null)).isEmpty();
    }

    @Test
    void devAndTestRunOpenForANewcomer() throws Exception {
        assertThat(new Authenticator(config("dev", Map.of())).enabled()).isFalse();
        assertThat(new Authenticator(config("test", Map.of())).enabled()).isFalse();
    }

    @Test
    void aMalformedKeyDigestRefusesToStart() {
        assertThatThrownBy(() -> new Authenticator(config("prod", Map.of("gateway.security.api-keys.bob.sha256", "abc"))))
                .hasMessageContaining("gateway.security.api-keys.bob.sha256");
    }

    /** The mapping as the shipped application.properties gives it under {@code profile}, plus {@code overrides}. */
    private static GatewayConfig config(String profile, Map<String, String> overrides) throws Exception {
        URL properties = SecurityStartupCheckTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new PropertiesConfigSource(overrides, "overrides", 400))
                .build()
                .getConfigMapping(GatewayConfig.class);
    }
}
