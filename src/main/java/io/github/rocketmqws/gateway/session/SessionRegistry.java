package io.github.rocketmqws.gateway.session;

import io.github.rocketmqws.gateway.broker.MessagePublisher;
import io.github.rocketmqws.gateway.broker.MessageSubscriber;
import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.github.rocketmqws.gateway.metrics.GatewayMetrics;
import io.github.rocketmqws.gateway.security.Caller;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** The open sessions of this gateway, by connection id. */
@ApplicationScoped
public class SessionRegistry {
    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();
    private final MessageSubscriber subscriber;
    private final MessagePublisher publisher;
    private final GatewayMetrics metrics;
    private final GatewayConfig config;

    SessionRegistry(MessageSubscriber subscriber, MessagePublisher publisher, GatewayMetrics metrics, GatewayConfig config) {
        this.subscriber = subscriber;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        metrics.gaugeSessions(sessions::size);
    }

    public GatewaySession open(String connectionId, Caller caller, Outbound out) {
        GatewaySession session = new GatewaySession(connectionId, caller, out, subscriber, publisher, metrics, config);
        sessions.put(connectionId, session);
        LOG.debugf("session %s of %s: opened", connectionId, caller.name());
        return session;
    }

    public Optional<GatewaySession> find(String connectionId) {
        return Optional.ofNullable(sessions.get(connectionId));
    }

    public Uni<Void> close(String connectionId) {
        GatewaySession session = sessions.remove(connectionId);
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        LOG.debugf("session %s: closed", connectionId);
        return session.close();
    }

    public List<SessionSnapshot> snapshots() {
        return sessions.values().stream().map(GatewaySession::snapshot).toList();
    }

    /** Graceful shutdown: every un-acked message goes back to the broker before the consumers close. */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        List<Uni<Void>> closing = sessions.keySet().stream().map(this::close).toList();
        if (closing.isEmpty()) {
            return;
        }
        LOG.infof("returning the un-acked messages of %d sessions to the broker", closing.size());
        try {
            Uni.join().all(closing).andCollectFailures().await().atMost(SHUTDOWN_WAIT);
        } catch (RuntimeException e) {
            LOG.warnf("not every session closed cleanly: %s", e.getMessage());
        }
    }
}
