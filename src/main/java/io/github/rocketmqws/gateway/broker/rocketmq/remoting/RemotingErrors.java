package io.github.rocketmqws.gateway.broker.rocketmq.remoting;

import io.github.rocketmqws.gateway.protocol.ErrorCode;
import io.github.rocketmqws.gateway.protocol.GatewayException;
import java.util.concurrent.CompletionException;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/** Maps failures of the classic (remoting) client to the gateway's error codes, by the broker's response code. */
final class RemotingErrors {
    private RemotingErrors() {}

    static GatewayException map(Throwable failure, String context) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof GatewayException gatewayException) {
            return gatewayException;
        }
        String detail = context + ": " + cause.getMessage();
        int code = cause instanceof MQBrokerException broker ? broker.getResponseCode()
                : cause instanceof MQClientException client ? client.getResponseCode() : -1;
        ErrorCode mapped = switch (code) {
            case ResponseCode.TOPIC_NOT_EXIST -> ErrorCode.TOPIC_NOT_FOUND;
            case ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST -> ErrorCode.GROUP_NOT_FOUND;
            case ResponseCode.MESSAGE_ILLEGAL -> ErrorCode.PAYLOAD_TOO_LARGE;
            default -> cause instanceof RemotingException || cause instanceof MQBrokerException || code >= 0
                    ? ErrorCode.BROKER_UNAVAILABLE
                    : cause instanceof IllegalArgumentException ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL;
        };
        // The classic client reports a topic without route as a client exception without a broker code.
        if (mapped == ErrorCode.BROKER_UNAVAILABLE && String.valueOf(cause.getMessage()).contains("No route info")) {
            mapped = ErrorCode.TOPIC_NOT_FOUND;
        }
        return new GatewayException(mapped, detail, cause);
    }
}
