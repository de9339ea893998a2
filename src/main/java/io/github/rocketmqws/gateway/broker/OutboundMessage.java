package io.github.rocketmqws.gateway.broker;

import java.util.List;
import java.util.Map;

/** A message to publish; {@code messageGroup} and {@code deliverAt} are optional and exclusive. */
public record OutboundMessage(
        String topic,
        byte[] body,
        String tag,
        List<String> keys,
        Map<String, String> properties,
        String messageGroup,
        Long deliverAt) {}
