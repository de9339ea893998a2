package io.github.rocketmqws.gateway.security;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.github.rocketmqws.gateway.metrics.GatewayMetrics;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Every WebSocket upgrade passes here before a socket exists: origin (403), credentials (401), connection limits
 * (503 for the gateway, 429 for the principal). The caller it admits and its connection slot ride on the
 * connection's user data.
 */
@ApplicationScoped
public class UpgradeGuard implements HttpUpgradeCheck {
    public static final UserData.TypedKey<Caller> CALLER = new UserData.TypedKey<>("rocketmq-ws.caller");
    public static final UserData.TypedKey<ConnectionLimits.Slot> SLOT = new UserData.TypedKey<>("rocketmq-ws.slot");
    /** An admitted upgrade that has not opened a connection by then never will: its slot goes back. */
    private static final long OPEN_DEADLINE_MS = 30_000;
    private static final Logger LOG = Logger.getLogger(UpgradeGuard.class);
    private static final Map<String, List<String>> CHALLENGE = Map.of("WWW-Authenticate", List.of("Bearer"));

    private final Authenticator authenticator;
    private final ConnectionLimits limits;
    private final OriginPolicy origins;
    private final Vertx vertx;
    private final GatewayMetrics metrics;

    UpgradeGuard(
            Authenticator authenticator, ConnectionLimits limits, GatewayConfig config, Vertx vertx, GatewayMetrics metrics) {
        this.authenticator = authenticator;
        this.limits = limits;
        this.vertx = vertx;
        this.metrics = metrics;
        this.origins = new OriginPolicy(config.security().allowedOrigins().orElse(List.of()));
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (!origins.allows(origin, request.getHeader(HttpHeaders.HOST))) {
            LOG.debugf("upgrade from %s refused: origin %s is not allowed", request.remoteAddress(), origin);
            metrics.upgradeRefused("origin");
            return CheckResult.rejectUpgrade(403);
        }
        Optional<Caller> caller = authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (caller.isEmpty()) {
            // The header's value is never logged: it is a credential.
            LOG.debugf("upgrade from %s refused: no valid credentials", request.remoteAddress());
            metrics.upgradeRefused("credentials");
            return CheckResult.rejectUpgrade(401, CHALLENGE);
        }
        ConnectionLimits.Slot slot = limits.reserve(caller.get());
        if (slot.admission() != ConnectionLimits.Admission.ADMITTED) {
            LOG.debugf("upgrade of %s refused: %s", caller.get().name(), slot.admission());
            metrics.upgradeRefused(slot.admission().name().toLowerCase(Locale.ROOT));
            return CheckResult.rejectUpgrade(slot.admission() == ConnectionLimits.Admission.GATEWAY_FULL ? 503 : 429);
        }
        vertx.setTimer(OPEN_DEADLINE_MS, fired -> slot.releaseUnlessOpened());
        context.userData().put(CALLER, caller.get());
        context.userData().put(SLOT, slot);
        return CheckResult.permitUpgrade();
    }
}
