package io.github.rocketmqws.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the gateway, under {@code gateway.*}; each is overridable by an environment variable. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {
    RocketMQ rocketmq();

    Consumer consumer();

    Limits limits();

    Security security();

    Dev dev();

    interface RocketMQ {
        /** How the gateway reaches RocketMQ. */
        enum Transport {
            /** rocketmq-client-java over gRPC to a RocketMQ 5 Proxy ({@link #endpoints()}). */
            GRPC,
            /** The classic client over remoting to the NameServer and brokers ({@link #nameServer()}), pop mode. */
            REMOTING
        }

        /** {@code grpc} (a 5.x Proxy) or {@code remoting} (a NameServer, no Proxy needed). Default grpc. */
        @WithDefault("grpc")
        Transport transport();

        /** gRPC endpoints of the RocketMQ 5 Proxy, {@code host:port[;host:port]}. Default {@code 127.0.0.1:8081}. */
        @WithDefault("127.0.0.1:8081")
        String endpoints();

        /**
         * NameServer addresses ({@code host:port[;host:port]}) for administrative calls: creating missing consumer
         * groups and dev topics. Not needed to publish or consume. No default.
         */
        Optional<String> nameServer();

        /** Create a consumer group on first subscribe when it is missing. Default false; dev and test set true. */
        @WithDefault("false")
        boolean createGroups();

        /** Use TLS towards the Proxy. Default false. */
        @WithDefault("false")
        boolean enableSsl();

        /** RocketMQ ACL access key; never sent to clients nor logged. */
        Optional<String> accessKey();

        /** RocketMQ ACL secret key; never sent to clients nor logged. */
        Optional<String> secretKey();

        /** Timeout of one request to the broker. Default 3s. */
        @WithDefault("3s")
        Duration requestTimeout();
    }

    interface Consumer {
        /**
         * How long a delivered, un-acked message stays invisible to other consumers. A session that closes returns
         * its messages at once; this bounds redelivery only if the gateway itself dies. At least 10s (the Proxy's
         * minimum). Default 120s.
         */
        @WithDefault("120s")
        Duration invisibleDuration();

        /** Long-polling wait of one receive call. Default 10s; the Proxy polls at least 5s, so keep it at 5s or more. */
        @WithDefault("10s")
        Duration awaitDuration();

        /** Most messages asked of the broker in one receive (the broker caps it at 32). Default 32. */
        @WithDefault("32")
        int maxBatch();

        /** Redelivery delay of a nack without {@code delayMs}. Default 1s. */
        @WithDefault("1s")
        Duration defaultNackDelay();

        /** Pause before receiving again after a broker failure. Default 1s. */
        @WithDefault("1s")
        Duration retryBackoff();
    }

    /** What one client may send and hold; docs/security.md lists what happens beyond each limit. */
    interface Limits {
        /**
         * Largest frame in characters the gateway answers with PAYLOAD_TOO_LARGE; frames beyond
         * {@code quarkus.websockets-next.server.max-message-size} cannot be read at all and close the socket with
         * 1009. Default 6291456 (a 4 MiB body in base64 plus room for the rest of the frame).
         */
        @WithDefault("6291456")
        int maxFrameBytes();

        /** Largest message body in bytes, after base64 decoding. Default 4194304 (RocketMQ's own default). */
        @WithDefault("4194304")
        int maxBodyBytes();

        /** Most user properties on one message. Default 64. */
        @WithDefault("64")
        int maxProperties();

        /** Most UTF-8 bytes of all property keys and values of one message together. Default 16384. */
        @WithDefault("16384")
        int maxPropertiesBytes();

        /**
         * Publishes, and separately acks and nacks, a session may have unconfirmed before the gateway stops reading
         * its frames. Default 256.
         */
        @WithDefault("256")
        int maxPendingPublishes();

        /** Open connections per gateway; more are refused at upgrade with HTTP 503. Default 10000. */
        @WithDefault("10000")
        int maxConnections();

        /**
         * Open connections per authenticated principal; more are refused at upgrade with HTTP 429. Not applied when
         * security is disabled (every caller is then the same anonymous one). Default 1000.
         */
        @WithDefault("1000")
        int maxConnectionsPerPrincipal();

        /** Publishes per second per connection (a token bucket); 0 turns the limit off. Default 10000. */
        @WithDefault("10000")
        int publishRate();

        /** Publishes a connection may make at once before {@link #publishRate()} applies. Default 1000. */
        @WithDefault("1000")
        int publishBurst();

        /** The gateway pings a connection that has been silent this long. Default 30s. */
        @WithDefault("30s")
        Duration pingInterval();

        /** A connection silent this long (not even a pong) is closed with 1001. Default 90s. */
        @WithDefault("90s")
        Duration idleTimeout();
    }

    /** Who may connect and what each caller may touch; see docs/security.md. */
    interface Security {
        /**
         * Require credentials at the WebSocket upgrade. Default true; the dev and test profiles set false. With true
         * and neither an API key nor a JWT key configured the gateway refuses to start.
         */
        @WithDefault("true")
        boolean enabled();

        /** API keys by principal name. */
        Map<String, ApiKey> apiKeys();

        Jwt jwt();

        /** Permissions by role name. */
        Map<String, Role> roles();

        /**
         * Origins (scheme://host[:port]) whose pages may open sockets, besides the gateway's own; {@code *} allows
         * any. Upgrades without an Origin header (non-browser clients) are not affected. Default none.
         */
        Optional<List<String>> allowedOrigins();

        interface ApiKey {
            /** SHA-256 of the key, in hex; the key itself is never configured. */
            String sha256();

            /** Roles of this principal. Default none. */
            Optional<List<String>> roles();
        }

        interface Jwt {
            /** PEM (or base64 DER) of the public key that signs accepted tokens. */
            Optional<String> publicKey();

            /** Path or URL of that public key (PEM or JWK set), instead of {@link #publicKey()}. */
            Optional<String> publicKeyLocation();

            /** Required {@code iss}. Default: not checked. */
            Optional<String> issuer();

            /** Accepted {@code aud} values. Default: not checked. */
            Optional<List<String>> audience();

            /** The algorithm tokens are signed with: RS256, RS384, RS512, PS256, ES256, ES384, ES512. Default RS256. */
            @WithDefault("RS256")
            String signatureAlgorithm();

            /** The claim that lists the caller's roles. Default {@code groups}. */
            @WithDefault("groups")
            String rolesClaim();

            /** Leeway for {@code exp} between the token issuer's clock and the gateway's. Default 30s. */
            @WithDefault("30s")
            Duration clockSkew();
        }

        interface Role {
            /** Topic patterns this role may publish to ({@code *} matches any run of characters). */
            Optional<List<String>> publish();

            /** Topic patterns this role may subscribe to. */
            Optional<List<String>> subscribe();

            /** Consumer group patterns this role may subscribe with. */
            Optional<List<String>> groups();

            /** May read the console's REST API ({@code /api/v1/*}). Default false. */
            @WithDefault("false")
            boolean monitor();
        }
    }

    interface Dev {
        /** Topics the gateway creates at start (needs {@code gateway.rocketmq.name-server}). Default none. */
        Optional<List<String>> topics();
    }
}
