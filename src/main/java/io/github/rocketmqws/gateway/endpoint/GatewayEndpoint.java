package io.github.rocketmqws.gateway.endpoint;

import io.github.rocketmqws.gateway.protocol.ClientFrame;
import io.github.rocketmqws.gateway.protocol.ErrorCode;
import io.github.rocketmqws.gateway.protocol.FrameCodec;
import io.github.rocketmqws.gateway.protocol.GatewayException;
import io.github.rocketmqws.gateway.protocol.ServerFrame;
import io.github.rocketmqws.gateway.session.GatewaySession;
import io.github.rocketmqws.gateway.session.SessionRegistry;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * {@code /ws/v1}: decodes each text frame and hands it to the connection's session. Frames are processed one at
 * a time per connection (websockets-next's serial mode), which is what makes "the next frame is read when the
 * session allows it" real backpressure on publishers.
 */
@WebSocket(path = "/ws/v1")
public class GatewayEndpoint {
    private final SessionRegistry sessions;
    private final FrameCodec codec;

    GatewayEndpoint(SessionRegistry sessions, FrameCodec codec) {
        this.sessions = sessions;
        this.codec = codec;
    }

    @OnOpen
    void onOpen(WebSocketConnection connection) {
        sessions.open(connection.id(), frame -> connection.sendText(codec.encode(frame)));
    }

    @OnTextMessage
    Uni<Void> onText(String text, WebSocketConnection connection) {
        GatewaySession session = sessions.find(connection.id()).orElse(null);
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
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
        return reply(connection, new ServerFrame.Error(null, null, ErrorCode.BAD_FRAME,
                "binary frames are not part of the protocol; send JSON text frames"));
    }

    @OnClose
    Uni<Void> onClose(WebSocketConnection connection) {
        return sessions.close(connection.id());
    }

    private Uni<Void> reply(WebSocketConnection connection, ServerFrame frame) {
        return connection.sendText(codec.encode(frame));
    }
}
