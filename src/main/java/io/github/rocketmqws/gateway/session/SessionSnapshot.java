package io.github.rocketmqws.gateway.session;

/**
 * A read-only view of one session for the admin endpoints and tests. {@code topic} is null when not subscribed;
 * {@code principal} is the caller the upgrade admitted ({@code anonymous} with security disabled).
 */
public record SessionSnapshot(String id, String topic, String group, int prefetch, String principal, int inFlight) {}
