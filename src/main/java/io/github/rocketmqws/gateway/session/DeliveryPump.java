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
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Moves messages from one broker subscription to one socket, never holding more than {@code prefetch} un-acked
 * messages. The broker is asked only for as many messages as there is credit, so a client that stops reading or
 * acking stops the gateway from taking messages for it: its backlog stays in RocketMQ, not in our heap.
 */
final class DeliveryPump {
    private static final Logger LOG = Logger.getLogger(DeliveryPump.class);

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
    private boolean receiving;
    private boolean full; // the credit was used up and not enough of it is free again
    private boolean closed;
    private boolean subscriptionReleased;
    private boolean failureReported;

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
     * Asks the broker for more messages when there is credit and no receive is outstanding. Once the credit is used
     * up, the pump waits until half the prefetch (at most a batch) is free again before it resumes: a stream of
     * single acks then turns into batched receives, while the client still holds the other half.
     */
    void pump() {
        int credit;
        synchronized (this) {
            credit = request.prefetch() - inFlight.size();
            if (credit <= 0) {
                full = true;
            } else if (full && credit >= lowWaterMark) {
                full = false;
            }
            if (closed || receiving || full) {
                return;
            }
            receiving = true;
        }
        subscription.receive(Math.min(credit, maxBatch)).subscribe().with(this::deliver, this::receiveFailed);
    }

    /**
     * Settles a delivery the client acked (already taken out of the in-flight set, so its credit is free): more
     * messages are asked for at once, while the broker confirms the ack.
     */
    Uni<Void> ack(BrokerMessage message) {
        pump();
        return subscription.ack(message).onItem().invoke(metrics::acked);
    }

    /** Returns a delivery to the broker for redelivery after {@code delay}; like ack, it frees credit at once. */
    Uni<Void> nack(BrokerMessage message, Duration delay) {
        pump();
        return subscription.nack(message, delay).onItem().invoke(metrics::nacked);
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
            releaseNow = !receiving;
        }
        LOG.debugf("session %s topic %s: closing, returning %d un-acked messages", sessionId, request.topic(), unacked.size());
        Uni<Void> released = release(unacked);
        return releaseNow ? released.chain(this::releaseSubscription) : released;
    }

    private void deliver(List<BrokerMessage> messages) {
        List<BrokerMessage> unwanted = new ArrayList<>();
        for (BrokerMessage message : messages) {
            String receipt = admit(message);
            if (receipt == null) {
                unwanted.add(message);
                continue;
            }
            metrics.delivered();
            out.send(toFrame(receipt, message)).subscribe().with(
                    written -> {
                        if (request.ackMode() == AckMode.AUTO) {
                            autoAck(receipt);
                        }
                    },
                    failure -> LOG.debugf("session %s: delivery not written (%s)", sessionId, failure.getMessage()));
        }
        boolean stopped;
        synchronized (this) {
            receiving = false;
            failureReported = false;
            stopped = closed;
        }
        if (stopped) {
            // The consumer may close only once the messages that arrived too late are back at the broker.
            release(unwanted).chain(this::releaseSubscription).subscribe().with(ignored -> {}, this::logReleaseFailure);
        } else {
            pump();
        }
    }

    private synchronized String admit(BrokerMessage message) {
        return closed ? null : inFlight.add(message);
    }

    private void autoAck(String receipt) {
        BrokerMessage message = inFlight.take(receipt);
        if (message != null) {
            ack(message).subscribe().with(ignored -> {}, failure -> LOG.warnf(
                    "session %s topic %s: auto ack of %s failed: %s",
                    sessionId, request.topic(), message.messageId(), failure.getMessage()));
        }
    }

    private void receiveFailed(Throwable failure) {
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
        Uni.createFrom().voidItem().onItem().delayIt().by(retryBackoff).subscribe().with(ignored -> {
            boolean stopped;
            synchronized (this) {
                receiving = false;
                stopped = closed;
            }
            if (stopped) {
                releaseSubscription().subscribe().with(ignoredItem -> {}, this::logReleaseFailure);
            } else {
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

    private Uni<Void> releaseSubscription() {
        synchronized (this) {
            if (subscriptionReleased) {
                return Uni.createFrom().voidItem();
            }
            subscriptionReleased = true;
        }
        return subscription.close();
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
