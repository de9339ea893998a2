package io.github.rocketmqws.gateway.security;

import io.github.rocketmqws.gateway.config.GatewayConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What one caller may touch: the union of its roles' grants. */
public final class Permissions {
    /** Everything: the caller of a gateway with security disabled. */
    public static final Permissions ALL = new Permissions(true, List.of(), List.of(), List.of(), true);

    private final boolean all;
    private final List<NamePattern> publish;
    private final List<NamePattern> subscribe;
    private final List<NamePattern> groups;
    private final boolean monitor;

    private Permissions(
            boolean all, List<NamePattern> publish, List<NamePattern> subscribe, List<NamePattern> groups, boolean monitor) {
        this.all = all;
        this.publish = publish;
        this.subscribe = subscribe;
        this.groups = groups;
        this.monitor = monitor;
    }

    static Permissions of(Collection<GatewayConfig.Security.Role> roles) {
        List<NamePattern> publish = new ArrayList<>();
        List<NamePattern> subscribe = new ArrayList<>();
        List<NamePattern> groups = new ArrayList<>();
        boolean monitor = false;
        for (GatewayConfig.Security.Role role : roles) {
            publish.addAll(patterns(role.publish()));
            subscribe.addAll(patterns(role.subscribe()));
            groups.addAll(patterns(role.groups()));
            monitor |= role.monitor();
        }
        return new Permissions(false, List.copyOf(publish), List.copyOf(subscribe), List.copyOf(groups), monitor);
    }

    public boolean mayPublish(String topic) {
        return all || anyMatches(publish, topic);
    }

    public boolean maySubscribe(String topic, String group) {
        return all || (anyMatches(subscribe, topic) && anyMatches(groups, group));
    }

    public boolean mayMonitor() {
        return monitor;
    }

    private static boolean anyMatches(List<NamePattern> patterns, String name) {
        for (NamePattern pattern : patterns) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }

    private static List<NamePattern> patterns(Optional<List<String>> texts) {
        return texts.orElse(List.of()).stream().map(String::strip).filter(t -> !t.isEmpty()).map(NamePattern::of).toList();
    }
}
