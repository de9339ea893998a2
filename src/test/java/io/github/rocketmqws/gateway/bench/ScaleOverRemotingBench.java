package io.github.rocketmqws.gateway.bench;

import io.github.rocketmqws.gateway.support.RemotingProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** {@link ScaleBench} with the gateway on the remoting transport; its section shows both transports. */
@QuarkusTest
@TestProfile(RemotingProfile.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ScaleOverRemotingBench extends ScaleBench {}
