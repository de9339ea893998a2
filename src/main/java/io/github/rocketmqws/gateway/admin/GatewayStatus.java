package io.github.rocketmqws.gateway.admin;

/**
 * What {@code GET /api/v1/status} answers: a point-in-time view of this gateway. The counters are cumulative since the
 * gateway started; a client computes rates from two samples and their {@code time}.
 *
 * @param time the gateway's clock when the sample was taken, epoch milliseconds
 * @param sessions open WebSocket sessions
 * @param subscriptions sessions that hold a subscription
 * @param inFlight delivered messages that wait for the client's ack or nack, over all sessions
 * @param brokerReachable whether RocketMQ answered the last probe (the same probe as {@code /q/health/ready})
 * @param transport how the gateway reaches RocketMQ: {@code grpc} or {@code remoting}
 */
public record GatewayStatus(
        long time,
        int sessions,
        int subscriptions,
        int inFlight,
        boolean brokerReachable,
        String transport,
        Counters counters) {

    /** Cumulative counts since the gateway started, the same as the {@code gateway_*_total} Prometheus counters. */
    public record Counters(long deliveries, long acks, long nacks, long publishes, long publishFailures) {}
}
