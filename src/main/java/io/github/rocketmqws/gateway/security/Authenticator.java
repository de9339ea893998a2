package io.github.rocketmqws.gateway.security;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the {@code Authorization} header of an upgrade or a REST call into a {@link Caller}: an API key first (a
 * digest lookup), then a JWT. Built at start so key files are read and mistakes refuse the start.
 */
@Startup
@ApplicationScoped
public class Authenticator {
    private static final String BEARER = "bearer ";

    private final boolean enabled;
    private final Map<String, GatewayConfig.Security.Role> roles;
    private final ApiKeys apiKeys;
    private final Optional<JwtVerifier> jwt;

    Authenticator(GatewayConfig config) {
        GatewayConfig.Security security = config.security();
        this.enabled = security.enabled();
        this.roles = security.roles();
        this.apiKeys = new ApiKeys(security.apiKeys(), this::permissionsOf);
        this.jwt = JwtVerifier.of(security.jwt(), this::permissionsOf);
    }

    public boolean enabled() {
        return enabled;
    }

    /** True when at least one kind of credential can succeed. */
    public boolean hasCredentials() {
        return !apiKeys.isEmpty() || jwt.isPresent();
    }

    /**
     * The caller {@code authorization} proves, the anonymous caller when security is disabled, or empty when the
     * header is missing or proves nobody.
     */
    public Optional<Caller> authenticate(String authorization) {
        if (!enabled) {
            return Optional.of(Caller.ANONYMOUS);
        }
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).strip();
        return apiKeys.authenticate(token).or(() -> jwt.flatMap(verifier -> verifier.authenticate(token)));
    }

    private Permissions permissionsOf(List<String> roleNames) {
        return Permissions.of(roleNames.stream().map(roles::get).filter(Objects::nonNull).toList());
    }
}
