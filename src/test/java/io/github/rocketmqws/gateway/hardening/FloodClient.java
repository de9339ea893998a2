package io.github.rocketmqws.gateway.hardening;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A WebSocket client for floods: it hands every text message to one callback instead of keeping them, and queues
 * sends so any thread may send without waiting (the JDK allows one outstanding send per socket).
 */
final class FloodClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final Consumer<String> onText;
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null); // guarded by this
    private volatile Throwable sendFailure;
    private volatile boolean closed;
    private volatile int closeCode = -1;
    private volatile String closeReason = "";
    private volatile Throwable error;

    private FloodClient(URI uri, Consumer<String> onText) {
        this.onText = onText;
        this.socket = HTTP.newWebSocketBuilder().buildAsync(uri, new Listener()).join();
    }

    static FloodClient connect(URI uri, Consumer<String> onText) {
        return new FloodClient(URI.create(uri.toString().replaceFirst("^http", "ws")), onText);
    }

    void sendText(String text) {
        enqueue(() -> socket.sendText(text, true));
    }

    private synchronized void enqueue(Supplier<CompletableFuture<WebSocket>> send) {
        sends = sends.thenCompose(ignored -> send.get()).whenComplete((ignored, failure) -> {
            if (failure != null && sendFailure == null) {
                sendFailure = failure;
            }
        });
    }

    /** True once the gateway closed the connection, or it broke. */
    boolean isClosed() {
        return closed;
    }

    /** What went wrong with the connection (a close, a break, a failed send), or null while all is well. */
    String trouble() {
        if (closed) {
            return closeCode >= 0 ? "closed with " + closeCode + " '" + closeReason + "'" : "broken: " + error;
        }
        return sendFailure == null ? null : "a send failed: " + sendFailure;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onText.accept(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closeReason = reason;
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable failure) {
            error = failure;
            closed = true;
        }
    }
}
