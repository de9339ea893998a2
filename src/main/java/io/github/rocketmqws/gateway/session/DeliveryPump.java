package io.github.rocketmqws.gateway.session;

import io.github.rocketmqws.gateway.broker.BrokerMessage;
import io.github.rocketmqws.gateway.broker.BrokerSubscription;
import io.github.rocketmqws.gateway.metrics.GatewayMetrics;
import io.github.rocketmqws.gateway.protocol.ClientFrame.AckMode;
import io.github.rocketmqws.gateway.protocol.ClientFrame.Subscribe;
import io.github.rocketmqws.gateway.protocol.ErrorCode;
import io.github.rocketmqws.gateway.protocol.FrameCodec;
import io.github.rocketmqws.gateway.protocol.ServerFrame;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Moves messages from one broker subscription to one socket, never holding more than {@code prefetch} un-acked
 * messages. The broker is asked only for as many messages as there is credit, so a client that stops reading or
 * acking stops the gateway from taking messages for it: its backlog stays in RocketMQ, not in our heap.
 */
final class DeliveryPump {
    private static final Logger LOG = Logger.getLogger(DeliveryPump.class);
    static final int MAX_RECEIVES = 4;

    private final String sessionId;
    private final Subscribe request;
    private final BrokerSubscription subscription;
    private final Outbound out;
    private final InFlight inFlight;
    private final GatewayMetrics metrics;
    private final int maxBatch;
    private final Duration retryBackoff;
    private final int lowWaterMark;

    // Guarded by this.
    private int receives; // receive calls outstanding at the broker
    private int requested; // messages those calls asked for
    private boolean full; // the credit was used up and not enough of it is free again
    private boolean closed;
    private boolean subscriptionReleased;
    private boolean failureReported;
    private final Set<CompletableFuture<Void>> settling = new HashSet<>(); // acks and nacks at the broker

    DeliveryPump(
            String sessionId,
            Subscribe request,
            BrokerSubscription subscription,
            Outbound out,
            InFlight inFlight,
            GatewayMetrics metrics,
            int maxBatch,
            Duration retryBackoff) {
        this.sessionId = sessionId;
        this.request = request;
        this.subscription = subscription;
        this.out = out;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.maxBatch = maxBatch;
        this.retryBackoff = retryBackoff;
        this.lowWaterMark = Math.max(1, Math.min(request.prefetch() / 2, maxBatch));
    }

    /**
     * Asks the broker for as many messages as there is credit, in receives of at most a batch, at most
     * {@value #MAX_RECEIVES} outstanding: with a large prefetch, several long polls keep the pipe full while the
     * client works. Once the credit is used up, the pump waits until half the prefetch (at most a batch) is free
     * again: a stream of single acks then turns into batched receives, while the client still holds the other half.
     * Messages asked for count against the credit until they arrive, so the session never holds more than prefetch.
     */
    void pump() {
        while (true) {
            int ask;
            synchronized (this) {
                int free = request.prefetch() - inFlight.size();
                if (free <= 0) {
                    full = true;
                } else if (full && free >= lowWaterMark) {
                    full = false;
                }
                ask = Math.min(free - requested, maxBatch);
                if (closed || full || ask <= 0 || receives >= MAX_RECEIVES) {
                    return;
                }
                requested += ask;
                receives++;
            }
            int asked = ask;
            subscription.receive(asked).subscribe().with(
                    messages -> deliver(asked, messages), failure -> receiveFailed(asked, failure));
        }
    }

    /**
     * Settles a delivery the client acked (already taken out of the in-flight set, so its credit is free): more
     * messages are asked for at once, while the broker confirms the ack. The ack goes to the broker now, whoever
     * waits for its outcome.
     */
    Uni<Void> ack(BrokerMessage message) {
        pump();
        return settle(subscription.ack(message).onItem().invoke(metrics::acked));
    }

    /** Returns a delivery to the broker for redelivery after {@code delay}; like ack, it frees credit at once. */
    Uni<Void> nack(BrokerMessage message, Duration delay) {
        pump();
        return settle(subscription.nack(message, delay).onItem().invoke(metrics::nacked));
    }

    /** Starts a settlement and remembers it until it ends, so the subscription is never released under it. */
    private Uni<Void> settle(Uni<Void> call) {
        CompletableFuture<Void> settlement = call.subscribeAsCompletionStage();
        synchronized (this) {
            settling.add(settlement);
        }
        settlement.whenComplete((ignored, failure) -> {
            synchronized (this) {
                settling.remove(settlement);
            }
        });
        return Uni.createFrom().completionStage(settlement);
    }

    /**
     * Stops delivering and hands every un-acked message back to the broker at once, so another session of the group
     * (or this client after it reconnects) gets it without waiting for the invisibility timeout.
     */
    Uni<Void> close() {
        List<BrokerMessage> unacked;
        boolean releaseNow;
        synchronized (this) {
            if (closed) {
                return Uni.createFrom().voidItem();
            }
            closed = true;
            unacked = inFlight.drain();
            releaseNow = receives == 0;
        }
        LOG.debugf("session %s topic %s: closing, returning %d un-acked messages", sessionId, request.topic(), unacked.size());
        Uni<Void> released = release(unacked);
        return releaseNow ? released.chain(this::releaseSubscription) : released;
    }

    private void deliver(int asked, List<BrokerMessage> messages) {
        List<BrokerMessage> unwanted = new ArrayList<>();
        Map<String, BrokerMessage> admitted = new LinkedHashMap<>();
        boolean stopped;
        boolean lastReceive;
        synchronized (this) {
            // Admitted before the request is forgotten, so the credit they take is never counted as free.
            for (BrokerMessage message : messages) {
                if (closed) {
                    unwanted.add(message);
                } else {
                    admitted.put(inFlight.add(message), message);
                }
            }
            requested -= asked;
            receives--;
            failureReported = false;
            stopped = closed;
            lastReceive = receives == 0;
        }
        admitted.forEach(this::send);
        if (stopped) {
            // The consumer may close only once the messages that arrived too late are back at the broker.
            Uni<Void> released = release(unwanted);
            (lastReceive ? released.chain(this::releaseSubscription) : released)
                    .subscribe().with(ignored -> {}, this::logReleaseFailure);
        } else {
            pump();
        }
    }

    private void send(String receipt, BrokerMessage message) {
        metrics.delivered();
        out.send(toFrame(receipt, message)).subscribe().with(
                written -> {
                    if (request.ackMode() == AckMode.AUTO) {
                        autoAck(receipt);
                    }
                },
                failure -> LOG.debugf("session %s: delivery not written (%s)", sessionId, failure.getMessage()));
    }

    private synchronized boolean closed() {
        return closed;
    }

    private void autoAck(String receipt) {
        BrokerMessage message = inFlight.take(receipt);
        if (message != null) {
            ack(message).subscribe().with(ignored -> {}, failure -> LOG.warnf(
                    "session %s topic %s: auto ack of %s failed: %s",
                    sessionId, request.topic(), message.messageId(), failure.getMessage()));
        }
    }

    private void receiveFailed(int asked, Throwable failure) {
        boolean report;
        synchronized (this) {
            report = !failureReported && !closed;
            failureReported = true;
        }
        LOG.warnf("session %s topic %s group %s: receive failed, retrying in %s: %s",
                sessionId, request.topic(), request.group(), retryBackoff, failure.getMessage());
        if (report) {
            out.send(new ServerFrame.Error(null, null, ErrorCode.BROKER_UNAVAILABLE,
                            "receiving from the broker failed, retrying: " + failure.getMessage()))
                    .subscribe().with(ignored -> {}, ignored -> {});
        }
        // The failed receive keeps its slot and its credit until the back-off ends, so a failing broker is not polled
        // in a loop.
        Uni.createFrom().voidItem().onItem().delayIt().by(retryBackoff).subscribe().with(ignored -> {
            boolean stopped;
            synchronized (this) {
                requested -= asked;
                receives--;
                stopped = closed && receives == 0;
            }
            if (stopped) {
                releaseSubscription().subscribe().with(ignoredItem -> {}, this::logReleaseFailure);
            } else if (!closed()) {
                pump();
            }
        });
    }

    private Uni<Void> release(List<BrokerMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(messages.stream()
                        .map(message -> subscription.nack(message, Duration.ZERO)
                                .onFailure().invoke(this::logReleaseFailure)
                                .onFailure().recoverWithNull())
                        .toList())
                .andCollectFailures()
                .replaceWithVoid();
    }

    /** Releases the broker subscription once the acks and nacks still on their way to the broker have ended. */
    private Uni<Void> releaseSubscription() {
        CompletableFuture<?>[] pending;
        synchronized (this) {
            if (subscriptionReleased) {
                return Uni.createFrom().voidItem();
            }
            subscriptionReleased = true;
            pending = settling.toArray(CompletableFuture[]::new);
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(pending).exceptionally(failure -> null))
                .chain(subscription::close);
    }

    private void logReleaseFailure(Throwable failure) {
        LOG.warnf("session %s topic %s: returning a message to the broker failed (it comes back after the "
                + "invisible duration): %s", sessionId, request.topic(), failure.getMessage());
    }

    private static ServerFrame.Delivery toFrame(String receipt, BrokerMessage message) {
        String[] body = FrameCodec.bodyAndEncoding(message.body());
        return new ServerFrame.Delivery(
                receipt,
                message.messageId(),
                message.topic(),
                message.tag(),
                message.keys(),
                message.properties(),
                message.messageGroup(),
                message.bornTimestamp(),
                message.deliveryAttempt(),
                body[0],
                body[1]);
    }
}
