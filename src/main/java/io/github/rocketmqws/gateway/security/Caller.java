package io.github.rocketmqws.gateway.security;

import java.time.Instant;
import java.util.Optional;

/**
 * Who is on the other end of a connection, as the upgrade established it.
 *
 * @param expiresAt when the credentials stop being valid (a JWT's {@code exp}); API keys do not expire
 * @param authenticated false only for the anonymous caller of a gateway with security disabled
 */
public record Caller(String name, Permissions permissions, Optional<Instant> expiresAt, boolean authenticated) {
    public static final Caller ANONYMOUS = new Caller("anonymous", Permissions.ALL, Optional.empty(), false);
}
