package io.github.rocketmqws.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway as production runs it: security on (API keys and JWTs), an origin allow-list, TLS beside plain
 * HTTP, broker credentials, and limits small enough to reach in a test. Principals (API keys in
 * {@link SecurityFixtures}): client-a, client-b and limited hold role sec-client (publish and subscribe on
 * {@code sec-*} topics with {@code sec-*} groups); ops holds ops (monitor); console holds both.
 * Keep to at most {@value #PUBLISH_BURST} publishes at once and {@value #PUBLISH_RATE}/s per connection here.
 */
public class SecuredProfile implements QuarkusTestProfile {
    public static final int MAX_CONNECTIONS = 40;
    public static final int MAX_CONNECTIONS_PER_PRINCIPAL = 4;
    public static final int PUBLISH_RATE = 20;
    public static final int PUBLISH_BURST = 5;
    public static final int MAX_PROPERTIES = 4;
    public static final int MAX_PROPERTIES_BYTES = 256;
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final int MAX_FRAME_BYTES = 128 * 1024;
    public static final int TRANSPORT_MAX_MESSAGE_SIZE = 256 * 1024;
    public static final String PING_INTERVAL = "1s";
    public static final String IDLE_TIMEOUT = "3s";
    public static final java.nio.file.Path LOG = SecurityFixtures.DIR.resolve("gateway.log");

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("gateway.security.enabled", "true");
        SecurityFixtures.API_KEYS.forEach((principal, key) -> {
            config.put("gateway.security.api-keys." + principal + ".sha256", SecurityFixtures.sha256(key));
            config.put("gateway.security.api-keys." + principal + ".roles", switch (principal) {
                case "ops" -> "ops";
                case "console" -> "sec-client,ops";
                default -> "sec-client";
            });
        });
        config.put("gateway.security.roles.sec-client.publish", "sec-*");
        config.put("gateway.security.roles.sec-client.subscribe", "sec-*");
        config.put("gateway.security.roles.sec-client.groups", "sec-*");
        config.put("gateway.security.roles.ops.monitor", "true");
        config.put("gateway.security.jwt.public-key-location", SecurityFixtures.jwtPublicKey().toString());
        config.put("gateway.security.jwt.issuer", SecurityFixtures.ISSUER);
        config.put("gateway.security.jwt.clock-skew", "0s");
        config.put("gateway.security.allowed-origins", SecurityFixtures.ALLOWED_ORIGIN);

        config.put("gateway.limits.max-connections", Integer.toString(MAX_CONNECTIONS));
        config.put("gateway.limits.max-connections-per-principal", Integer.toString(MAX_CONNECTIONS_PER_PRINCIPAL));
        config.put("gateway.limits.publish-rate", Integer.toString(PUBLISH_RATE));
        config.put("gateway.limits.publish-burst", Integer.toString(PUBLISH_BURST));
        config.put("gateway.limits.max-properties", Integer.toString(MAX_PROPERTIES));
        config.put("gateway.limits.max-properties-bytes", Integer.toString(MAX_PROPERTIES_BYTES));
        config.put("gateway.limits.max-body-bytes", Integer.toString(MAX_BODY_BYTES));
        config.put("gateway.limits.max-frame-bytes", Integer.toString(MAX_FRAME_BYTES));
        config.put("quarkus.websockets-next.server.max-message-size", Integer.toString(TRANSPORT_MAX_MESSAGE_SIZE));
        config.put("gateway.limits.ping-interval", PING_INTERVAL);
        config.put("gateway.limits.idle-timeout", IDLE_TIMEOUT);

        config.put("gateway.rocketmq.access-key", "gateway-access-key");
        config.put("gateway.rocketmq.secret-key", SecurityFixtures.BROKER_SECRET);

        // Every line the gateway logs, at debug, lands in LOG so a test can prove no credential is ever logged.
        config.put("quarkus.log.file.enabled", "true");
        config.put("quarkus.log.file.path", LOG.toString());
        config.put("quarkus.log.file.level", "DEBUG");
        config.put("quarkus.log.category.\"io.github.rocketmqws\".level", "DEBUG");

        config.put("quarkus.http.ssl.certificate.key-store-file", SecurityFixtures.keyStore().toString());
        config.put("quarkus.http.ssl.certificate.key-store-password", SecurityFixtures.STORE_PASSWORD);
        config.put("quarkus.http.test-ssl-port", Integer.toString(freePort()));
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
