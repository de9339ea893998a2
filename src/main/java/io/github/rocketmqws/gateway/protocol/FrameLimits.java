package io.github.rocketmqws.gateway.protocol;

/** The sizes the codec enforces on client frames, each answered with {@link ErrorCode#PAYLOAD_TOO_LARGE}. */
public record FrameLimits(int maxFrameChars, int maxBodyBytes, int maxProperties, int maxPropertiesBytes) {
    /** RocketMQ's own body limit and generous room for the rest: what the gateway uses unless configured. */
    public static final FrameLimits DEFAULTS = new FrameLimits(6 * 1024 * 1024, 4 * 1024 * 1024, 64, 16 * 1024);
}
