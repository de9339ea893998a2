package io.github.rocketmqws.gateway.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The gateway never runs open by accident: with security enabled (the default) it refuses to start without any
 * credential that could succeed, and running open on purpose outside dev and test is logged as a warning.
 */
@ApplicationScoped
public class SecurityStartupCheck {
    private static final Logger LOG = Logger.getLogger(SecurityStartupCheck.class);

    void onStart(@Observes StartupEvent event, Authenticator authenticator) {
        check(authenticator, LaunchMode.current());
    }

    static void check(Authenticator authenticator, LaunchMode mode) {
        if (authenticator.enabled() && !authenticator.hasCredentials()) {
            throw new IllegalStateException("gateway.security.enabled is true but no credentials are configured: set "
                    + "gateway.security.api-keys.<principal>.sha256 or gateway.security.jwt.public-key(-location), "
                    + "or set gateway.security.enabled=false to run open on purpose (docs/security.md)");
        }
        if (!authenticator.enabled() && mode == LaunchMode.NORMAL) {
            LOG.warn("gateway.security.enabled=false: anyone who reaches this gateway may publish and subscribe to "
                    + "any topic (docs/security.md)");
        }
    }
}
