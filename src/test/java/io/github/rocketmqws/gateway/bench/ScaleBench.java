package io.github.rocketmqws.gateway.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rocketmqws.gateway.session.SessionRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Subscribed sessions over shared and distinct groups (issue 7): the gateway JVM's threads, heap and RSS with every
 * session subscribed, then deliveries/s to all of them ({@link ScaleRun}). Replaces SessionCostBench, which measured
 * idle sessions only. Every run is recorded, a failed one with its reason, before the test fails for it; a run that
 * leaves sessions open ends the series. {@link ScaleOverRemotingBench} runs the same on the remoting transport.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ScaleBench {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Inject
    SessionRegistry registry;

    @ConfigProperty(name = "gateway.rocketmq.transport", defaultValue = "grpc")
    String transport;

    @Test
    void sessionsOverGroups() {
        await().atMost(Duration.ofMinutes(3)).until(() -> registry.snapshots().isEmpty());
        List<String> failures = new ArrayList<>();
        int maxSessions = ScaleTable.RUNS[ScaleTable.RUNS.length - 1][0];
        try (LightClients clients = new LightClients(uri, maxSessions + 1)) {
            for (int[] run : ScaleTable.RUNS) {
                ScaleRun.Result result = new ScaleRun(clients, registry, run[0], run[1]).run();
                ScaleTable.keep(transport, run[0], run[1], result);
                System.out.printf("scale %s %dx%d: idle %s; subscribed %s; %.0f deliveries/s%s%n", transport, run[0],
                        run[1], result.idle(), result.busy(), result.deliveriesPerSecond(),
                        result.failure() == null ? "" : "; FAILED: " + result.failure());
                if (result.failure() != null) {
                    failures.add(run[0] + "x" + run[1] + ": " + result.failure());
                }
                if (!result.closed()) {
                    break;
                }
            }
        }
        ScaleTable.render();
        BenchTargets.render();
        assertTrue(failures.isEmpty(), () -> "scale runs on " + transport + " failed: " + failures);
    }
}
