package io.github.rocketmqws.gateway.bench;

import io.github.rocketmqws.gateway.support.RemotingProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** {@link ThroughputBench} with the gateway on the remoting transport; prints the table of both runs. */
@QuarkusTest
@TestProfile(RemotingProfile.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ThroughputOverRemotingBench extends ThroughputBench {}
