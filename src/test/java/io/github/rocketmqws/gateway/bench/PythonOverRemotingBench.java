package io.github.rocketmqws.gateway.bench;

import io.github.rocketmqws.gateway.support.RemotingProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** {@link PythonBench} with the gateway on the remoting transport: rocketmq-ws only, beside the official client's run. */
@QuarkusTest
@TestProfile(RemotingProfile.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PythonOverRemotingBench extends PythonBench {
    @Override
    boolean measuresOfficial() {
        return false;
    }
}
