package io.github.rocketmqws.gateway.endpoint;

import io.github.rocketmqws.gateway.metrics.GatewayMetrics;
import io.github.rocketmqws.gateway.protocol.ClientFrame;
import io.github.rocketmqws.gateway.protocol.ErrorCode;
import io.github.rocketmqws.gateway.protocol.FrameCodec;
import io.github.rocketmqws.gateway.protocol.GatewayException;
import io.github.rocketmqws.gateway.protocol.ServerFrame;
import io.github.rocketmqws.gateway.session.GatewaySession;
import io.github.rocketmqws.gateway.session.SessionRegistry;
import io.github.rocketmqws.gateway.security.Caller;
import io.github.rocketmqws.gateway.security.ConnectionLimits;
import io.github.rocketmqws.gateway.security.ConnectionWatchdog;
import io.github.rocketmqws.gateway.security.UpgradeGuard;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

/**
 * {@code /ws/v1}: decodes each text frame and hands it to the connection's session. Frames are processed one at
 * a time per connection (websockets-next's serial mode), which is what makes "the next frame is read when the
 * session allows it" real backpressure on publishers.
 */
@WebSocket(path = "/ws/v1")
public class GatewayEndpoint {
    static final CloseReason CONNECTION_LIMIT = new CloseReason(1008, "connection limit reached");
    static final CloseReason MESSAGE_TOO_BIG = new CloseReason(1009, "message too big");
    private static final Logger LOG = Logger.getLogger(GatewayEndpoint.class);

    private final SessionRegistry sessions;
    private final FrameCodec codec;
    private final ConnectionWatchdog watchdog;
    private final GatewayMetrics metrics;

    GatewayEndpoint(SessionRegistry sessions, FrameCodec codec, ConnectionWatchdog watchdog, GatewayMetrics metrics) {
        this.sessions = sessions;
        this.codec = codec;
        this.watchdog = watchdog;
        this.metrics = metrics;
    }

    @OnOpen
    Uni<Void> onOpen(WebSocketConnection connection) {
        // UpgradeGuard admitted this caller and reserved its slot; without them no guard ran: refuse, never open.
        Caller caller = connection.userData().get(UpgradeGuard.CALLER);
        ConnectionLimits.Slot slot = connection.userData().get(UpgradeGuard.SLOT);
        if (caller == null || slot == null || !slot.opened()) {
            return connection.close(CONNECTION_LIMIT);
        }
        sessions.open(connection.id(), caller, frame -> connection.sendText(codec.encode(frame)));
        watchdog.watch(connection, caller);
        return Uni.createFrom().voidItem();
    }

    @OnPongMessage
    void onPong(Buffer data, WebSocketConnection connection) {
        sessions.find(connection.id()).ifPresent(GatewaySession::heard);
    }

    @OnTextMessage
    Uni<Void> onText(String text, WebSocketConnection connection) {
        GatewaySession session = sessions.find(connection.id()).orElse(null);
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        session.heard();
        ClientFrame frame;
        try {
            frame = codec.decode(text);
        } catch (GatewayException e) {
            return reply(connection, new ServerFrame.Error(FrameCodec.idOf(e), null, e.code(), e.getMessage()));
        }
        // A frame must never cost the connection: an unexpected failure becomes an INTERNAL error frame, and a
        // reply that cannot be written (the socket is gone) is dropped.
        return Uni.createFrom().deferred(() -> session.handle(frame))
                .onFailure().recoverWithUni(failure -> reply(connection,
                        new ServerFrame.Error(frame.id(), null, ErrorCode.INTERNAL, GatewayException.of(failure).getMessage())))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @OnBinaryMessage
    Uni<Void> onBinary(Buffer ignored, WebSocketConnection connection) {
        sessions.find(connection.id()).ifPresent(GatewaySession::heard);
        return reply(connection, new ServerFrame.Error(null, null, ErrorCode.BAD_FRAME,
                "binary frames are not part of the protocol; send JSON text frames"));
    }

    /**
     * Vert.x refuses a message over {@code quarkus.websockets-next.server.max-message-size} before any callback:
     * the gateway cannot read it to answer it, so it closes with 1009 as RFC 6455 says, not 1011 with a stack trace.
     */
    @OnError
    Uni<Void> onError(IllegalStateException failure, WebSocketConnection connection) {
        if (String.valueOf(failure.getMessage()).contains("max message size")) {
            LOG.debugf("session %s: %s", connection.id(), failure.getMessage());
            return connection.close(MESSAGE_TOO_BIG);
        }
        LOG.warnf(failure, "session %s: unexpected failure", connection.id());
        return connection.close(CloseReason.INTERNAL_SERVER_ERROR);
    }

    @OnClose
    Uni<Void> onClose(WebSocketConnection connection) {
        watchdog.forget(connection.id());
        ConnectionLimits.Slot slot = connection.userData().get(UpgradeGuard.SLOT);
        if (slot != null) {
            slot.release();
        }
        return sessions.close(connection.id());
    }

    private Uni<Void> reply(WebSocketConnection connection, ServerFrame.Error frame) {
        metrics.errorSent(frame.code().name());
        return connection.sendText(codec.encode(frame));
    }
}
