package io.github.rocketmqws.gateway.hardening;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Limits small enough that oversize frames are cheap to send a hundred thousand times, and no publish rate, so the
 * good session runs at the broker's pace.
 */
public class HardeningProfile implements QuarkusTestProfile {
    public static final int MAX_BODY_BYTES = 1024;
    public static final int MAX_PROPERTIES = 8;
    public static final int MAX_PROPERTIES_BYTES = 512;
    /** Counted in characters (docs/protocol.md); every hostile frame but those meant to be over it stays below. */
    public static final int MAX_FRAME_CHARS = 16 * 1024;
    public static final int TRANSPORT_MAX_MESSAGE_SIZE = 64 * 1024;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gateway.limits.max-body-bytes", Integer.toString(MAX_BODY_BYTES),
                "gateway.limits.max-properties", Integer.toString(MAX_PROPERTIES),
                "gateway.limits.max-properties-bytes", Integer.toString(MAX_PROPERTIES_BYTES),
                "gateway.limits.max-frame-bytes", Integer.toString(MAX_FRAME_CHARS),
                "gateway.limits.publish-rate", "0",
                "quarkus.websockets-next.server.max-message-size", Integer.toString(TRANSPORT_MAX_MESSAGE_SIZE));
    }
}
