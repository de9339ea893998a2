package io.github.rocketmqws.gateway.session;

import io.github.rocketmqws.gateway.protocol.ServerFrame;
import io.smallrye.mutiny.Uni;

/** Where a session's frames go: the socket. The Uni completes once the frame has been written. */
@FunctionalInterface
public interface Outbound {
    Uni<Void> send(ServerFrame frame);
}
