package io.github.rocketmqws.gateway.broker.rocketmq;

import io.github.rocketmqws.gateway.protocol.ErrorCode;
import io.github.rocketmqws.gateway.protocol.GatewayException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.rocketmq.client.apis.ClientException;
import org.apache.rocketmq.client.java.exception.BadRequestException;
import org.apache.rocketmq.client.java.exception.NotFoundException;
import org.apache.rocketmq.client.java.exception.PayloadTooLargeException;
import org.apache.rocketmq.client.java.exception.ProxyTimeoutException;
import org.apache.rocketmq.shaded.io.grpc.Status;
import org.apache.rocketmq.shaded.io.grpc.StatusRuntimeException;

/**
 * Maps failures of rocketmq-client-java to the gateway's error codes. The client puts the proxy's status code
 * (apache.rocketmq.v2.Code) into the message as {@code response-code=N}; the exception class alone cannot tell a
 * missing topic from a missing group.
 */
final class RocketMQErrors {
    private static final Pattern RESPONSE_CODE = Pattern.compile("response-code=(\\d+)");
    private static final int TOPIC_NOT_FOUND = 40402;
    private static final int CONSUMER_GROUP_NOT_FOUND = 40403;
    private static final int INVALID_RECEIPT_HANDLE = 40013;

    private RocketMQErrors() {}

    static GatewayException map(Throwable failure, String context) {
        Throwable cause = unwrap(failure);
        if (cause instanceof GatewayException gatewayException) {
            return gatewayException;
        }
        String detail = context + ": " + cause.getMessage();
        int code = responseCode(cause);
        if (code == TOPIC_NOT_FOUND) {
            return new GatewayException(ErrorCode.TOPIC_NOT_FOUND, detail, cause);
        }
        if (code == CONSUMER_GROUP_NOT_FOUND) {
            return new GatewayException(ErrorCode.GROUP_NOT_FOUND, detail, cause);
        }
        if (code == INVALID_RECEIPT_HANDLE) {
            return new GatewayException(ErrorCode.UNKNOWN_RECEIPT, detail + " (the receipt expired; the message will be redelivered)", cause);
        }
        if (cause instanceof NotFoundException) {
            return new GatewayException(ErrorCode.TOPIC_NOT_FOUND, detail, cause);
        }
        if (cause instanceof PayloadTooLargeException) {
            return new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE, detail, cause);
        }
        if (cause instanceof BadRequestException || cause instanceof IllegalArgumentException) {
            return new GatewayException(ErrorCode.INVALID_ARGUMENT, detail, cause);
        }
        if (cause instanceof ProxyTimeoutException
                || cause instanceof TimeoutException
                || unanswered(failure)
                || cause instanceof CancellationException
                || (cause instanceof ClientException && code == 0)) {
            return new GatewayException(ErrorCode.BROKER_UNAVAILABLE, detail, cause);
        }
        return new GatewayException(ErrorCode.INTERNAL, detail, cause);
    }

    /**
     * A gRPC call that the Proxy did not answer in time or at all, which the client passes on bare (acks) or as the
     * cause of a consumer that failed to start.
     */
    private static boolean unanswered(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException status) {
                Status.Code code = status.getStatus().getCode();
                return code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.UNAVAILABLE;
            }
        }
        return false;
    }

    /**
     * The failure that says what went wrong: the client's own exception where there is one (a consumer that fails to
     * start reports it as the cause of an IllegalStateException), past the wrappers of futures.
     */
    private static Throwable unwrap(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClientException || cause instanceof GatewayException) {
                return cause;
            }
        }
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static int responseCode(Throwable cause) {
        String message = cause.getMessage();
        if (message == null) {
            return 0;
        }
        Matcher matcher = RESPONSE_CODE.matcher(message);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
