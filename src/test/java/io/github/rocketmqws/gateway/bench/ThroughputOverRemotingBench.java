package io.github.rocketmqws.gateway.bench;

import io.github.rocketmqws.gateway.support.RemotingProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link ThroughputBench} with the gateway on the remoting transport. Run with it (-Dtest='Throughput*Bench'), so the
 * table has the direct ceilings to compare against.
 */
@QuarkusTest
@TestProfile(RemotingProfile.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ThroughputOverRemotingBench extends ThroughputBench {
    @Override
    boolean measuresDirect() {
        return false;
    }
}
