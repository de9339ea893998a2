package io.github.rocketmqws.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The gateway on the classic client: remoting to the run's NameServer and broker. The Proxy endpoint points at a
 * closed port, so a test passes only if nothing goes through the Proxy.
 */
public class RemotingProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.rocketmq.transport", "remoting", "gateway.rocketmq.endpoints", "127.0.0.1:1");
    }
}
