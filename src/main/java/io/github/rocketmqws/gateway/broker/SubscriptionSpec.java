package io.github.rocketmqws.gateway.broker;

import io.github.rocketmqws.gateway.protocol.ClientFrame.FilterType;

/** What a session consumes: sessions with equal specs may share one broker consumer. */
public record SubscriptionSpec(String topic, String group, FilterType filterType, String filter) {}
