package io.github.rocketmqws.gateway.protocol;

/**
 * The one unchecked exception of the gateway. It carries the wire {@link ErrorCode} so every failure, wherever
 * it starts (codec, session, broker adapter), reaches the client as the same kind of error frame.
 */
public class GatewayException extends RuntimeException {
    private final ErrorCode code;

    public GatewayException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public GatewayException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** Maps any failure to a gateway exception, keeping the code of one that already is. */
    public static GatewayException of(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof GatewayException gatewayException) {
                return gatewayException;
            }
            cause = cause.getCause();
        }
        return new GatewayException(ErrorCode.INTERNAL, String.valueOf(failure.getMessage()), failure);
    }
}
