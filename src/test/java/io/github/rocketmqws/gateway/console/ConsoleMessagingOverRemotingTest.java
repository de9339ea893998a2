package io.github.rocketmqws.gateway.console;

import io.github.rocketmqws.gateway.support.RemotingProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ConsoleMessagingTest}, unchanged, in Chromium against the gateway on the remoting transport. */
@QuarkusTest
@TestProfile(RemotingProfile.class)
class ConsoleMessagingOverRemotingTest extends ConsoleMessagingTest {}
