package io.github.rocketmqws.gateway.health;

import io.github.rocketmqws.gateway.broker.BrokerAdmin;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready} is UP only while the RocketMQ cluster answers: a load balancer then skips this gateway. */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements AsyncHealthCheck {
    private final BrokerAdmin admin;

    BrokerReadinessCheck(BrokerAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return admin.reachable().map(up -> HealthCheckResponse.named("rocketmq").status(up).build());
    }
}
