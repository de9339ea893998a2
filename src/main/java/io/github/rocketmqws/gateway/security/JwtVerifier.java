package io.github.rocketmqws.gateway.security;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/** Verifies bearer JWTs with SmallRye JWT against the one configured public key, issuer and audience. */
final class JwtVerifier {
    private static final Logger LOG = Logger.getLogger(JwtVerifier.class);

    private final DefaultJWTParser parser;
    private final Function<List<String>, Permissions> permissions;

    private JwtVerifier(DefaultJWTParser parser, Function<List<String>, Permissions> permissions) {
        this.parser = parser;
        this.permissions = permissions;
    }

    /** A verifier when a public key is configured. The key is read now, at start, never on an event loop. */
    static Optional<JwtVerifier> of(GatewayConfig.Security.Jwt config, Function<List<String>, Permissions> permissions) {
        Optional<String> key = config.publicKey().or(() -> config.publicKeyLocation().map(JwtVerifier::read));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(key.get());
        config.issuer().ifPresent(info::setIssuedBy);
        config.audience().ifPresent(audience -> info.setExpectedAudience(Set.copyOf(audience)));
        info.setGroupsPath(config.rolesClaim());
        info.setExpGracePeriodSecs((int) config.clockSkew().toSeconds());
        // One algorithm: SmallRye decodes the key for the algorithm, so a list mixing RSA and EC fails to load it.
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.fromAlgorithm(config.signatureAlgorithm())));
        return Optional.of(new JwtVerifier(new DefaultJWTParser(info), permissions));
    }

    Optional<Caller> authenticate(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            // Debug only, so a flood of bad tokens cannot flood the log; and never the cause's message: jose4j
            // quotes the token in it.
            LOG.debugf("JWT refused: %s (%s)", e.getMessage(),
                    e.getCause() == null ? "no cause" : e.getCause().getClass().getSimpleName());
            return Optional.empty();
        }
        String name = jwt.getName();
        if (name == null || name.isBlank()) {
            LOG.debug("JWT refused: it names no principal (upn, preferred_username or sub)");
            return Optional.empty();
        }
        Optional<Instant> expiresAt = jwt.getExpirationTime() > 0
                ? Optional.of(Instant.ofEpochSecond(jwt.getExpirationTime()))
                : Optional.empty();
        return Optional.of(new Caller(name, permissions.apply(List.copyOf(jwt.getGroups())), expiresAt, true));
    }

    private static String read(String location) {
        Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gateway.security.jwt.public-key-location " + path, e);
        }
    }
}
