package io.github.rocketmqws.gateway.security;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open connections in total and per authenticated principal. A slot is taken at upgrade, so the check and the
 * count are one step and racing upgrades cannot overshoot; it is given back when the connection closes, or when
 * the upgrade never turns into an open connection (see {@link Slot#releaseUnlessOpened()}).
 */
@ApplicationScoped
public class ConnectionLimits {
    public enum Admission {
        ADMITTED,
        GATEWAY_FULL,
        PRINCIPAL_FULL
    }

    private final int maxTotal;
    private final int maxPerPrincipal;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, AtomicInteger> byPrincipal = new ConcurrentHashMap<>();

    ConnectionLimits(GatewayConfig config) {
        this.maxTotal = config.limits().maxConnections();
        this.maxPerPrincipal = config.limits().maxConnectionsPerPrincipal();
    }

    /** Takes a slot for {@code caller}; the slot's admission says whether it got one. */
    public Slot reserve(Caller caller) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return new Slot(null, Admission.GATEWAY_FULL);
        }
        AtomicInteger principal = caller.authenticated() ? count(caller) : null;
        if (principal != null && principal.incrementAndGet() > maxPerPrincipal) {
            principal.decrementAndGet();
            total.decrementAndGet();
            return new Slot(null, Admission.PRINCIPAL_FULL);
        }
        return new Slot(principal, Admission.ADMITTED);
    }

    private AtomicInteger count(Caller caller) {
        // Entries stay once created: one small counter per principal ever seen, bounded by the configured keys
        // and the token issuer's principals.
        return byPrincipal.computeIfAbsent(caller.name(), name -> new AtomicInteger());
    }

    /** One connection's place in the counts: reserved at upgrade, opened, released exactly once. */
    public final class Slot {
        private static final int RESERVED = 0;
        private static final int OPENED = 1;
        private static final int RELEASED = 2;

        private final AtomicInteger principal;
        private final Admission admission;
        private final AtomicInteger state;

        private Slot(AtomicInteger principal, Admission admission) {
            this.principal = principal;
            this.admission = admission;
            this.state = new AtomicInteger(admission == Admission.ADMITTED ? RESERVED : RELEASED);
        }

        public Admission admission() {
            return admission;
        }

        /** The connection opened; false when the slot was already given back (the open came too late). */
        public boolean opened() {
            return state.compareAndSet(RESERVED, OPENED);
        }

        /** Gives the slot back if the upgrade never became an open connection. */
        public void releaseUnlessOpened() {
            if (state.compareAndSet(RESERVED, RELEASED)) {
                giveBack();
            }
        }

        /** The connection closed. */
        public void release() {
            if (state.compareAndSet(OPENED, RELEASED)) {
                giveBack();
            }
        }

        private void giveBack() {
            total.decrementAndGet();
            if (principal != null) {
                principal.decrementAndGet();
            }
        }
    }
}
