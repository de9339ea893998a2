package io.github.rocketmqws.gateway.broker;

import java.util.List;
import java.util.Map;

/**
 * A message received from the broker and not yet settled. {@code handle} is the adapter's own token for ack and
 * nack; nothing outside the adapter looks into it.
 */
public record BrokerMessage(
        String messageId,
        String topic,
        String tag,
        List<String> keys,
        Map<String, String> properties,
        String messageGroup,
        long bornTimestamp,
        int deliveryAttempt,
        byte[] body,
        Object handle) {}
