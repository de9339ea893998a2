package io.github.rocketmqws.gateway.security;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configured API keys, held only as SHA-256 digests. API keys are long random strings, not passwords, so a
 * fast unsalted digest is enough: nobody can guess a 256-bit key from its digest.
 */
final class ApiKeys {
    private record Holder(String principal, List<String> roles) {}

    private final Map<String, Holder> byDigest = new HashMap<>();
    private final Function<List<String>, Permissions> permissions;

    ApiKeys(Map<String, GatewayConfig.Security.ApiKey> keys, Function<List<String>, Permissions> permissions) {
        this.permissions = permissions;
        keys.forEach((principal, key) -> {
            String digest = key.sha256().strip().toLowerCase(Locale.ROOT);
            if (!digest.matches("[0-9a-f]{64}")) {
                throw new IllegalStateException("gateway.security.api-keys." + principal
                        + ".sha256 must be 64 hex digits (printf %s \"$KEY\" | sha256sum)");
            }
            if (byDigest.put(digest, new Holder(principal, key.roles().orElse(List.of()))) != null) {
                throw new IllegalStateException("two principals share the API key digest of " + principal);
            }
        });
    }

    boolean isEmpty() {
        return byDigest.isEmpty();
    }

    Optional<Caller> authenticate(String key) {
        Holder holder = byDigest.get(sha256(key));
        return holder == null
                ? Optional.empty()
                : Optional.of(new Caller(holder.principal(), permissions.apply(holder.roles()), Optional.empty(), true));
    }

    private static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
