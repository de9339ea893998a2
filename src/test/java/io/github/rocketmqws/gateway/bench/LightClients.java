package io.github.rocketmqws.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.impl.VertxBuilder;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.spi.VertxThreadFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * Many gateway WebSockets on few threads: a Vert.x instance of the benchmark's own (not the gateway's) whose two event
 * loops carry every socket, where the JDK client of {@link GatewayPath} needs a writer thread per socket. Frames
 * arrive whole and parsed, on the socket's event loop; sends may come from any thread.
 */
final class LightClients implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    // Threads named "bench-…", so CpuMeter tells them from the gateway's own Vert.x threads in the same JVM.
    private final Vertx vertx = new VertxBuilder(new VertxOptions().setEventLoopPoolSize(2))
            .threadFactory(new VertxThreadFactory() {
                @Override
                public VertxThread newVertxThread(Runnable target, String name, boolean worker, long maxExecTime,
                        TimeUnit maxExecTimeUnit) {
                    return new VertxThread(target, "bench-" + name, worker, maxExecTime, maxExecTimeUnit);
                }
            })
            .init()
            .vertx();
    private final WebSocketClient client;
    private final WebSocketConnectOptions target;

    /** Clients of the gateway at {@code uri} (http or ws), at most {@code maxSockets} open at once. */
    LightClients(URI uri, int maxSockets) {
        // Vert.x pools WebSockets per server and queues connects beyond the pool's size (50 by default).
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(maxSockets)
                .setMaxFrameSize(8 * 1024 * 1024).setMaxMessageSize(8 * 1024 * 1024));
        this.target = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath());
    }

    /** Opens a socket; {@code onFrame} gets every frame that is not the reply to a {@link Socket#request}. */
    CompletableFuture<Socket> open(BiConsumer<Socket, JsonNode> onFrame) {
        return client.connect(target).map(ws -> new Socket(ws, onFrame)).toCompletionStage().toCompletableFuture();
    }

    /**
     * Runs {@code step} for 0..count-1 with at most {@code concurrency} steps unfinished, and waits for all of them;
     * the first failure stops the ramp and is thrown.
     */
    static void ramp(int count, int concurrency, IntFunction<CompletionStage<?>> step, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < count && failure.get() == null; i++) {
            if (!slots.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException(i + " of " + count + " steps started within " + timeout);
            }
            step.apply(i).whenComplete((ok, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                slots.release();
            });
        }
        if (!slots.tryAcquire(concurrency, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("the last steps of " + count + " did not finish within " + timeout);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a step failed: " + failure.get(), failure.get());
        }
    }

    /** Closes {@code sockets} with a close frame each and waits until all are closed. */
    static void closeAll(Collection<Socket> sockets) {
        Future.join(sockets.stream().map(s -> s.socket.close()).toList()).toCompletionStage().toCompletableFuture()
                .orTimeout(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    /** One WebSocket: requests get a fresh id and complete with the reply echoing it (an error fails them). */
    static final class Socket {
        private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong();
        private final WebSocket socket;
        private final BiConsumer<Socket, JsonNode> onFrame;

        private Socket(WebSocket socket, BiConsumer<Socket, JsonNode> onFrame) {
            this.socket = socket;
            this.onFrame = onFrame;
            // Set before the connect future completes, on the socket's event loop: no frame can come earlier.
            socket.textMessageHandler(this::onText);
        }

        CompletableFuture<JsonNode> request(ObjectNode frame) {
            String id = Long.toString(ids.incrementAndGet());
            CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            pending.put(id, reply);
            send(frame.put("id", id));
            return reply;
        }

        void send(ObjectNode frame) {
            socket.writeTextMessage(frame.toString());
        }

        private void onText(String text) {
            JsonNode frame;
            try {
                frame = JSON.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException("the gateway sent invalid JSON: " + text, e);
            }
            String id = frame.path("id").asText(null);
            CompletableFuture<JsonNode> reply = id == null ? null : pending.remove(id);
            if (reply == null) {
                onFrame.accept(this, frame);
            } else if ("error".equals(frame.path("op").asText())) {
                reply.completeExceptionally(new IllegalStateException(frame.toString()));
            } else {
                reply.complete(frame);
            }
        }
    }
}
