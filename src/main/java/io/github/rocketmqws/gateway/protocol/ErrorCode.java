package io.github.rocketmqws.gateway.protocol;

/**
 * The stable error codes of the {@code /ws/v1} contract. Clients switch on these names, so a code is never
 * renamed or reused; new ones may be added. {@link #retriable()} tells a client whether the same request may
 * succeed later without change.
 */
public enum ErrorCode {
    /** The frame is not a JSON object with a string {@code op}. */
    BAD_FRAME(false),
    /** {@code op} names no operation of this protocol version. */
    UNKNOWN_OP(false),
    /** A field is missing, has the wrong type or an invalid value (including topic and group names). */
    INVALID_ARGUMENT(false),
    /** ack, nack or unsubscribe on a session without a subscription. */
    NOT_SUBSCRIBED(false),
    /** A second subscribe on a session that already has one. */
    ALREADY_SUBSCRIBED(false),
    /** The receipt was never issued by this session, was already settled, or has expired at the broker. */
    UNKNOWN_RECEIPT(false),
    /** The frame, the message body or its properties are over the gateway's limits. */
    PAYLOAD_TOO_LARGE(false),
    /** The caller's roles do not allow this topic or consumer group. */
    FORBIDDEN(false),
    /** The connection publishes faster than the gateway's per-connection rate; retry after a short pause. */
    RATE_LIMITED(true),
    /** The topic does not exist in the RocketMQ cluster. */
    TOPIC_NOT_FOUND(false),
    /** The consumer group does not exist and the gateway is not allowed to create it. */
    GROUP_NOT_FOUND(false),
    /** The broker could not be reached or did not answer in time. */
    BROKER_UNAVAILABLE(true),
    /** An unexpected failure inside the gateway or the broker. */
    INTERNAL(true);

    private final boolean retriable;

    ErrorCode(boolean retriable) {
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
