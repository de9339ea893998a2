package io.github.rocketmqws.gateway.admin;

import io.github.rocketmqws.gateway.broker.BrokerAdmin;
import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.github.rocketmqws.gateway.metrics.GatewayMetrics;
import io.github.rocketmqws.gateway.session.SessionRegistry;
import io.github.rocketmqws.gateway.session.SessionSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Read-only JSON for the web console's Status view (docs/console.md). Nothing here changes the gateway, and nothing
 * scrapes the Prometheus text: the numbers come from the same registry and meters.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    // Every open console polls; the probe opens sockets to the broker, so its answer is shared for a moment.
    private static final Duration PROBE_CACHE = Duration.ofSeconds(2);

    private final SessionRegistry registry;
    private final String transport;
    private final GatewayMetrics metrics;
    private final Uni<Boolean> brokerReachable;

    StatusResource(SessionRegistry registry, GatewayMetrics metrics, BrokerAdmin admin, GatewayConfig config) {
        this.transport = config.rocketmq().transport().name().toLowerCase(Locale.ROOT);
        this.registry = registry;
        this.metrics = metrics;
        this.brokerReachable = admin.reachable().memoize().atLeast(PROBE_CACHE);
    }

    @GET
    @Path("/status")
    public Uni<GatewayStatus> status() {
        return brokerReachable.map(reachable -> {
            List<SessionSnapshot> sessions = registry.snapshots();
            return new GatewayStatus(
                    System.currentTimeMillis(),
                    sessions.size(),
                    (int) sessions.stream().filter(session -> session.topic() != null).count(),
                    sessions.stream().mapToInt(SessionSnapshot::inFlight).sum(),
                    reachable,
                    transport,
                    counters());
        });
    }

    @GET
    @Path("/sessions")
    public List<SessionSnapshot> sessions() {
        return registry.snapshots();
    }

    private GatewayStatus.Counters counters() {
        return new GatewayStatus.Counters(
                count("gateway.deliveries"),
                count("gateway.acks"),
                count("gateway.nacks"),
                count("gateway.publishes"),
                count("gateway.publish.failures"));
    }

    private long count(String meter) {
        return (long) metrics.count(meter);
    }
}
