package io.github.rocketmqws.gateway.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open sockets: against cross-site WebSocket hijacking, a browser's upgrade must come from the
 * gateway's own origin or an allow-listed one. Non-browser clients send no {@code Origin} and are not affected.
 */
final class OriginPolicy {
    private final boolean any;
    private final Set<String> allowed;

    OriginPolicy(List<String> allowedOrigins) {
        this.any = allowedOrigins.stream().anyMatch(origin -> origin.strip().equals("*"));
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param origin the upgrade's {@code Origin} header, null when absent
     * @param host the upgrade's {@code Host} header: same-origin means the page was served by this authority
     */
    boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalized = normalize(origin);
        return allowed.contains(normalized) || sameAuthority(normalized, host);
    }

    private static boolean sameAuthority(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
            String authority = uri.getHost() + ":" + (uri.getPort() == -1 ? defaultPort : uri.getPort());
            URI hostUri = URI.create("//" + host.strip().toLowerCase(Locale.ROOT));
            String hostAuthority = hostUri.getHost() + ":" + (hostUri.getPort() == -1 ? defaultPort : hostUri.getPort());
            return authority.equals(hostAuthority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalize(String origin) {
        String stripped = origin.strip().toLowerCase(Locale.ROOT);
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
