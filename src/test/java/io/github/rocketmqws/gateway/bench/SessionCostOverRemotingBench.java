package io.github.rocketmqws.gateway.bench;

import io.github.rocketmqws.gateway.support.RemotingProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link SessionCostBench} on the remoting transport (docs/adr/0003). Run: ./mvnw verify -Dbench=true
 * -Dtest=SessionCostOverRemotingBench -Dsurefire.failIfNoSpecifiedTests=false
 */
@QuarkusTest
@TestProfile(RemotingProfile.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class SessionCostOverRemotingBench extends SessionCostBench {}
