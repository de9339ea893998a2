package io.github.rocketmqws.gateway.security;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.github.rocketmqws.gateway.session.GatewaySession;
import io.github.rocketmqws.gateway.session.SessionRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Closes connections that must not stay open: credentials that expired (1008) and clients gone silent (1001).
 * Silent connections are pinged first; any frame or pong from the client counts as life. One periodic sweep
 * serves every connection; expiry gets a timer per connection so it is exact.
 */
@ApplicationScoped
public class ConnectionWatchdog {
    public static final CloseReason CREDENTIALS_EXPIRED = new CloseReason(1008, "credentials expired");
    public static final CloseReason IDLE_TIMEOUT = new CloseReason(1001, "idle timeout");
    private static final Logger LOG = Logger.getLogger(ConnectionWatchdog.class);
    private static final Buffer PING = Buffer.buffer("rocketmq-ws");

    private final Vertx vertx;
    private final OpenConnections connections;
    private final SessionRegistry sessions;
    private final Duration pingInterval;
    private final Duration idleTimeout;
    private final Map<String, Long> expiryTimers = new ConcurrentHashMap<>();

    ConnectionWatchdog(Vertx vertx, OpenConnections connections, SessionRegistry sessions, GatewayConfig config) {
        this.vertx = vertx;
        this.connections = connections;
        this.sessions = sessions;
        this.pingInterval = config.limits().pingInterval();
        this.idleTimeout = config.limits().idleTimeout();
    }

    void onStart(@Observes StartupEvent event) {
        long sweep = Math.max(100, Math.min(pingInterval.toMillis(), idleTimeout.toMillis()) / 2);
        vertx.setPeriodic(sweep, sweep, timer -> sweep());
    }

    /** Schedules the close of {@code connection} when its caller's credentials expire. */
    public void watch(WebSocketConnection connection, Caller caller) {
        caller.expiresAt().ifPresent(expiresAt -> {
            long delay = Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis());
            long timer = vertx.setTimer(delay, fired -> {
                expiryTimers.remove(connection.id());
                LOG.debugf("session %s of %s: credentials expired", connection.id(), caller.name());
                close(connection, CREDENTIALS_EXPIRED);
            });
            expiryTimers.put(connection.id(), timer);
        });
    }

    public void forget(String connectionId) {
        Long timer = expiryTimers.remove(connectionId);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    private void sweep() {
        for (WebSocketConnection connection : connections) {
            GatewaySession session = sessions.find(connection.id()).orElse(null);
            if (session == null) {
                continue;
            }
            Duration silent = session.silentFor();
            if (silent.compareTo(idleTimeout) >= 0) {
                LOG.debugf("session %s: silent for %s, closing", connection.id(), silent);
                close(connection, IDLE_TIMEOUT);
            } else if (silent.compareTo(pingInterval) >= 0) {
                connection.sendPing(PING).subscribe().with(ignored -> {}, failure -> {});
            }
        }
    }

    private static void close(WebSocketConnection connection, CloseReason reason) {
        if (connection.isOpen()) {
            connection.close(reason).subscribe().with(ignored -> {}, failure -> LOG.debugf(
                    "session %s: close with %s failed: %s", connection.id(), reason, failure.getMessage()));
        }
    }
}
