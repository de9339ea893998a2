package io.github.rocketmqws.gateway.hardening;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Limits small enough that oversize frames are cheap to send a hundred thousand times. */
public class HardeningProfile implements QuarkusTestProfile {
    public static final int MAX_BODY_BYTES = 1024;
    public static final int TRANSPORT_MAX_MESSAGE_SIZE = 64 * 1024;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gateway.limits.max-body-bytes", Integer.toString(MAX_BODY_BYTES),
                "quarkus.websockets-next.server.max-message-size", Integer.toString(TRANSPORT_MAX_MESSAGE_SIZE));
    }
}
