package io.github.rocketmqws.gateway.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The console's REST API ({@code /api/v1/*}, the only REST resources) shows every session's topic and group: it
 * needs credentials whose roles grant {@code monitor}. 401 without valid credentials, 403 without the grant.
 */
public class MonitorAccessFilter {
    private final Authenticator authenticator;

    MonitorAccessFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @ServerRequestFilter
    public Optional<Response> requireMonitor(ContainerRequestContext request) {
        Optional<Caller> caller = authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (caller.isEmpty()) {
            return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .entity("credentials required").type("text/plain").build());
        }
        if (!caller.get().permissions().mayMonitor()) {
            return Optional.of(Response.status(Response.Status.FORBIDDEN)
                    .entity(caller.get().name() + " has no role granting monitor").type("text/plain").build());
        }
        return Optional.empty();
    }
}
