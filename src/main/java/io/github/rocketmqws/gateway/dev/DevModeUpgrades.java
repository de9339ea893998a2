package io.github.rocketmqws.gateway.dev;

import io.quarkus.runtime.LaunchMode;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Dev mode only: WebSocket upgrades skip Quarkus' live-reload scan. The scan runs for the first request after two
 * quiet seconds and hands the request on only after it; by then Vert.x has read the upgrade request to its end and
 * can no longer turn it into a WebSocket, so the client hangs. Code changes are still picked up by the next plain
 * HTTP request (a console reload). Quarkus skips the scan for requests with its own "already scanned" header.
 */
@ApplicationScoped
class DevModeUpgrades {
    private static final String SCAN_DONE = "x-quarkus-hot-deployment-done";

    void skipScanForUpgrades(@Observes Router router) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            return;
        }
        router.route("/ws/*").order(Integer.MIN_VALUE).handler(context -> {
            if ("websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"))) {
                context.request().headers().set(SCAN_DONE, "true");
            }
            context.next();
        });
    }
}
