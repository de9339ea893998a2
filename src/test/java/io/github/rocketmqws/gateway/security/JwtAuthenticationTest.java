package io.github.rocketmqws.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JWTs as the Authenticator reads them, without a running gateway. */
class JwtAuthenticationTest {
    private final Authenticator authenticator = new Authenticator(config());

    @Test
    void aValidTokenNamesItsPrincipalRolesAndExpiry() {
        Instant before = Instant.now();
        Caller caller = authenticator.authenticate(
                SecurityFixtures.bearer(SecurityFixtures.jwt("jane", Duration.ofMinutes(5), "writer", "unrelated")))
                .orElseThrow();
        assertThat(caller.name()).isEqualTo("jane");
        assertThat(caller.authenticated()).isTrue();
        assertThat(caller.permissions().mayPublish("orders-1")).isTrue();
        assertThat(caller.permissions().mayMonitor()).isFalse();
        assertThat(caller.expiresAt()).hasValueSatisfying(at -> assertThat(at)
                .isBetween(before.plusSeconds(298), before.plusSeconds(302)));
    }

    @Test
    void strangersWrongIssuersAndExpiredTokensProveNobody() {
        assertThat(authenticator.authenticate(SecurityFixtures.bearer(SecurityFixtures.jwtSignedByStranger("m", "writer")))).isEmpty();
        assertThat(authenticator.authenticate(SecurityFixtures.bearer(SecurityFixtures.jwtFromIssuer("https://x", "m", "writer")))).isEmpty();
        assertThat(authenticator.authenticate(SecurityFixtures.bearer(SecurityFixtures.jwt("m", Duration.ofMinutes(-1), "writer")))).isEmpty();
        assertThat(authenticator.authenticate(SecurityFixtures.bearer("not.a.jwt"))).isEmpty();
    }

    private static GatewayConfig config() {
        return new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(Map.of(
                        "gateway.security.jwt.public-key-location", SecurityFixtures.jwtPublicKey().toString(),
                        "gateway.security.jwt.issuer", SecurityFixtures.ISSUER,
                        "gateway.security.jwt.clock-skew", "0s",
                        "gateway.security.roles.writer.publish", "orders-*"))
                .build()
                .getConfigMapping(GatewayConfig.class);
    }
}
