package io.github.rocketmqws.gateway.broker.rocketmq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rocketmqws.gateway.protocol.ErrorCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.rocketmq.shaded.io.grpc.Status;
import org.apache.rocketmq.shaded.io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

/**
 * A Proxy that does not answer is BROKER_UNAVAILABLE (retriable), also when the client hands on the bare gRPC status,
 * as it does for acks, or as the cause of a consumer that failed to start: ScaleBench saw both reported as INTERNAL.
 */
class RocketMQErrorsTest {
    @Test
    void anAckTheProxyDidNotAnswerInTimeIsBrokerUnavailable() {
        StatusRuntimeException deadline = Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after 3s")
                .asRuntimeException();
        assertEquals(ErrorCode.BROKER_UNAVAILABLE, RocketMQErrors.map(deadline, "ack of m1").code());
        assertEquals(ErrorCode.BROKER_UNAVAILABLE,
                RocketMQErrors.map(new CompletionException(deadline), "ack of m1").code());
    }

    @Test
    void aConsumerThatFailedToStartBecauseTheProxyDidNotAnswerIsBrokerUnavailable() {
        IllegalStateException failed = new IllegalStateException("Expected the service SimpleConsumerImpl-0 [FAILED] "
                + "to be RUNNING, but the service has FAILED",
                new ExecutionException(Status.DEADLINE_EXCEEDED.asRuntimeException()));
        assertEquals(ErrorCode.BROKER_UNAVAILABLE, RocketMQErrors.map(failed, "subscribing to t as g").code());
    }

    @Test
    void anUnreachableProxyIsBrokerUnavailable() {
        assertEquals(ErrorCode.BROKER_UNAVAILABLE,
                RocketMQErrors.map(Status.UNAVAILABLE.asRuntimeException(), "ack of m1").code());
    }

    @Test
    void otherGrpcStatusesStayInternal() {
        assertEquals(ErrorCode.INTERNAL,
                RocketMQErrors.map(Status.INTERNAL.asRuntimeException(), "ack of m1").code());
    }
}
