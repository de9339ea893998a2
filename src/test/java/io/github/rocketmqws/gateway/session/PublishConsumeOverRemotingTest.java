package io.github.rocketmqws.gateway.session;

import io.github.rocketmqws.gateway.support.RemotingProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link PublishConsumeTest} with the gateway on the remoting transport (docs/protocol.md, Transports). */
@QuarkusTest
@TestProfile(RemotingProfile.class)
class PublishConsumeOverRemotingTest extends PublishConsumeTest {}
