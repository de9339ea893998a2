package io.github.rocketmqws.gateway.session;

import io.github.rocketmqws.gateway.broker.BrokerMessage;
import io.github.rocketmqws.gateway.broker.MessagePublisher;
import io.github.rocketmqws.gateway.broker.MessageSubscriber;
import io.github.rocketmqws.gateway.broker.OutboundMessage;
import io.github.rocketmqws.gateway.broker.SubscriptionSpec;
import io.github.rocketmqws.gateway.config.GatewayConfig;
import io.github.rocketmqws.gateway.metrics.GatewayMetrics;
import io.github.rocketmqws.gateway.protocol.ClientFrame;
import io.github.rocketmqws.gateway.protocol.ErrorCode;
import io.github.rocketmqws.gateway.protocol.GatewayException;
import io.github.rocketmqws.gateway.protocol.ServerFrame;
import io.github.rocketmqws.gateway.security.Caller;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One WebSocket connection's state machine: IDLE → SUBSCRIBING → SUBSCRIBED → IDLE (unsubscribe), and CLOSED from
 * anywhere. Each request gets exactly one reply (its success frame or an error), except an ack without id, which
 * gets a reply only when it fails.
 */
public final class GatewaySession {
    private static final Logger LOG = Logger.getLogger(GatewaySession.class);

    private enum State {
        IDLE,
        SUBSCRIBING,
        SUBSCRIBED,
        CLOSED
    }

    private final String id;
    private final Outbound out;
    private final MessageSubscriber subscriber;
    private final MessagePublisher publisher;
    private final GatewayMetrics metrics;
    private final GatewayConfig config;
    private final Caller caller;
    private final PublishRate publishRate;
    private final InFlight inFlight = new InFlight();
    private final AtomicInteger pendingPublishes = new AtomicInteger();
    private final AtomicInteger pendingSettlements = new AtomicInteger();
    private volatile long lastHeardNanos = System.nanoTime();

    // Guarded by this.
    private State state = State.IDLE;
    private DeliveryPump pump;
    private ClientFrame.Subscribe subscription;

    GatewaySession(
            String id,
            Caller caller,
            Outbound out,
            MessageSubscriber subscriber,
            MessagePublisher publisher,
            GatewayMetrics metrics,
            GatewayConfig config) {
        this.id = id;
        this.caller = caller;
        this.publishRate = new PublishRate(config.limits().publishRate(), config.limits().publishBurst());
        this.out = out;
        this.subscriber = subscriber;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
    }

    public String id() {
        return id;
    }

    public Caller caller() {
        return caller;
    }

    /** The client sent something (a frame or a pong): it is alive. */
    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    public Duration silentFor() {
        return Duration.ofNanos(System.nanoTime() - lastHeardNanos);
    }

    /** Handles one request. The Uni completes when the gateway may read the connection's next frame. */
    public Uni<Void> handle(ClientFrame frame) {
        GatewayException refusal = refusal(frame);
        if (refusal != null) {
            return send(errorFor(frame, refusal));
        }
        if (frame instanceof ClientFrame.Publish publish) {
            return publish(publish);
        }
        Uni<ServerFrame> reply;
        if (frame instanceof ClientFrame.Subscribe subscribe) {
            reply = subscribe(subscribe);
        } else if (frame instanceof ClientFrame.Ack ack) {
            reply = ack(ack);
        } else if (frame instanceof ClientFrame.Nack nack) {
            reply = nack(nack);
        } else {
            reply = unsubscribe((ClientFrame.Unsubscribe) frame);
        }
        Uni<Void> done = reply.onFailure().recoverWithItem(failure -> errorFor(frame, failure)).chain(this::send);
        // The receipt left the in-flight set as the frame was read; the broker's confirmation need not hold up the
        // next frame, and unsubscribe or close wait for it before releasing the subscription.
        boolean settlement = frame instanceof ClientFrame.Ack || frame instanceof ClientFrame.Nack;
        return settlement ? pipelined(done, pendingSettlements) : done;
    }

    /** Why this caller may not make this request now, or null: permissions first, then the publish rate. */
    private GatewayException refusal(ClientFrame frame) {
        if (frame instanceof ClientFrame.Publish publish) {
            if (!caller.permissions().mayPublish(publish.topic())) {
                return new GatewayException(ErrorCode.FORBIDDEN,
                        caller.name() + " may not publish to topic '" + publish.topic() + "'");
            }
            if (!publishRate.tryAcquire()) {
                return new GatewayException(ErrorCode.RATE_LIMITED, "over " + publishRate.perSecond()
                        + " publishes per second on this connection; retry in " + publishRate.millisUntilNext() + " ms");
            }
        } else if (frame instanceof ClientFrame.Subscribe subscribe
                && !caller.permissions().maySubscribe(subscribe.topic(), subscribe.group())) {
            return new GatewayException(ErrorCode.FORBIDDEN, caller.name() + " may not subscribe to topic '"
                    + subscribe.topic() + "' with group '" + subscribe.group() + "'");
        }
        return null;
    }

    /** The socket is gone: return every un-acked message to the broker and release the consumer. */
    public Uni<Void> close() {
        DeliveryPump stopping;
        synchronized (this) {
            state = State.CLOSED;
            stopping = pump;
            pump = null;
        }
        return stopping == null ? Uni.createFrom().voidItem() : stopping.close();
    }

    public synchronized SessionSnapshot snapshot() {
        return new SessionSnapshot(
                id,
                subscription == null ? null : subscription.topic(),
                subscription == null ? null : subscription.group(),
                subscription == null ? 0 : subscription.prefetch(),
                caller.name(),
                inFlight.size());
    }

    private Uni<ServerFrame> subscribe(ClientFrame.Subscribe request) {
        synchronized (this) {
            if (state == State.SUBSCRIBING || state == State.SUBSCRIBED) {
                return fail(ErrorCode.ALREADY_SUBSCRIBED, "this session already has a subscription; unsubscribe first");
            }
            if (state == State.CLOSED) {
                return Uni.createFrom().nullItem();
            }
            state = State.SUBSCRIBING;
        }
        SubscriptionSpec spec = new SubscriptionSpec(request.topic(), request.group(), request.filterType(), request.filter());
        return subscriber.subscribe(spec)
                .onFailure().invoke(() -> backTo(State.IDLE))
                .chain(brokerSubscription -> {
                    DeliveryPump started = new DeliveryPump(id, request, brokerSubscription, out, inFlight, metrics,
                            config.consumer().maxBatch(), config.consumer().retryBackoff());
                    synchronized (this) {
                        if (state == State.CLOSED) {
                            return started.close().replaceWith((ServerFrame) null);
                        }
                        state = State.SUBSCRIBED;
                        pump = started;
                        subscription = request;
                    }
                    LOG.debugf("session %s topic %s group %s: subscribed (prefetch %d, ack %s)",
                            id, request.topic(), request.group(), request.prefetch(), request.ackMode());
                    // The reply goes out before the first delivery can: the pump starts once it is written.
                    return Uni.createFrom().item((ServerFrame) new ServerFrame.Subscribed(request.id()))
                            .call(this::send)
                            .invoke(started::pump)
                            .replaceWith((ServerFrame) null);
                });
    }

    private Uni<ServerFrame> unsubscribe(ClientFrame.Unsubscribe request) {
        DeliveryPump stopping;
        synchronized (this) {
            if (state != State.SUBSCRIBED) {
                return fail(ErrorCode.NOT_SUBSCRIBED, "this session has no subscription");
            }
            state = State.IDLE;
            stopping = pump;
            pump = null;
            subscription = null;
        }
        return stopping.close().replaceWith(new ServerFrame.Unsubscribed(request.id()));
    }

    private Uni<ServerFrame> ack(ClientFrame.Ack request) {
        return unsettled(request.receipt())
                .chain(delivery -> delivery.pump().ack(delivery.message()))
                .replaceWith(request.id() == null ? null : new ServerFrame.Acked(request.id()));
    }

    private Uni<ServerFrame> nack(ClientFrame.Nack request) {
        Duration delay = request.delayMs() == null
                ? config.consumer().defaultNackDelay()
                : Duration.ofMillis(request.delayMs());
        return unsettled(request.receipt())
                .chain(delivery -> delivery.pump().nack(delivery.message(), delay))
                .replaceWith(new ServerFrame.Nacked(request.id()));
    }

    /** Takes the delivery a receipt names out of the in-flight set, or fails with the code the protocol gives. */
    private Uni<Unsettled> unsettled(String receipt) {
        DeliveryPump current = currentPump();
        if (current == null) {
            return fail(ErrorCode.NOT_SUBSCRIBED, "this session has no subscription");
        }
        BrokerMessage message = inFlight.take(receipt);
        if (message == null) {
            return fail(ErrorCode.UNKNOWN_RECEIPT, "receipt '" + receipt + "' is not in flight in this session");
        }
        return Uni.createFrom().item(new Unsettled(current, message));
    }

    private record Unsettled(DeliveryPump pump, BrokerMessage message) {}

    /** Publishes; see {@link #pipelined}. */
    private Uni<Void> publish(ClientFrame.Publish request) {
        OutboundMessage message = new OutboundMessage(request.topic(), request.body(), request.tag(), request.keys(),
                request.properties(), request.messageGroup(), request.deliverAt());
        long started = System.nanoTime();
        Uni<Void> done = publisher.publish(message)
                .map(messageId -> (ServerFrame) new ServerFrame.Published(request.id(), messageId))
                .onItem().invoke(() -> metrics.published(System.nanoTime() - started))
                .onFailure().invoke(failure -> metrics.publishFailed())
                .onFailure().recoverWithItem(failure -> errorFor(request, failure))
                .chain(this::send);
        return pipelined(done, pendingPublishes);
    }

    /**
     * Lets the endpoint read the next frame without waiting for the broker while fewer than
     * {@code gateway.limits.max-pending-publishes} requests of the kind are pending, so a client can pipeline
     * publishes, and acks and nacks; beyond that the returned Uni waits, and the endpoint stops reading the socket.
     * Replies then come as the broker answers, each with its request's id, not necessarily in order.
     */
    private Uni<Void> pipelined(Uni<Void> done, AtomicInteger pending) {
        Uni<Void> counted = done.onTermination().invoke(pending::decrementAndGet);
        if (pending.incrementAndGet() >= config.limits().maxPendingPublishes()) {
            return counted;
        }
        counted.subscribe().with(ignored -> {}, failure -> LOG.debugf("session %s: reply not written", id));
        return Uni.createFrom().voidItem();
    }

    private synchronized DeliveryPump currentPump() {
        return state == State.SUBSCRIBED ? pump : null;
    }

    private synchronized void backTo(State previous) {
        if (state != State.CLOSED) {
            state = previous;
        }
    }

    private Uni<Void> send(ServerFrame frame) {
        return frame == null ? Uni.createFrom().voidItem() : out.send(frame);
    }

    private ServerFrame errorFor(ClientFrame request, Throwable failure) {
        GatewayException error = GatewayException.of(failure);
        metrics.errorSent(error.code().name());
        if (error.code() == ErrorCode.INTERNAL || error.code() == ErrorCode.BROKER_UNAVAILABLE) {
            LOG.warnf(failure, "session %s: %s failed", id, request.getClass().getSimpleName());
        }
        String receipt = request instanceof ClientFrame.Ack ack ? ack.receipt()
                : request instanceof ClientFrame.Nack nack ? nack.receipt() : null;
        return new ServerFrame.Error(request.id(), receipt, error.code(), error.getMessage());
    }

    private static <T> Uni<T> fail(ErrorCode code, String message) {
        return Uni.createFrom().failure(new GatewayException(code, message));
    }
}
