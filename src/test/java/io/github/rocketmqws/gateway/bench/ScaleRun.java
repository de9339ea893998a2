package io.github.rocketmqws.gateway.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.Arc;
import io.github.rocketmqws.gateway.broker.BrokerAdmin;
import io.github.rocketmqws.gateway.session.SessionRegistry;
import io.github.rocketmqws.gateway.support.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One run of {@link ScaleBench} on a topic of its own: {@code sessions} sessions subscribe, session i in group i mod
 * {@code groups}; the footprint with all of them subscribed; then deliveries/s of {@link #messages} messages published
 * through one more connection, which every group gets once. A run that fails records why instead of throwing.
 */
final class ScaleRun {
    static final int PREFETCH = 32;
    static final int DELIVERIES = 20_000;
    static final int MIN_PER_GROUP = 20;
    static final int PUBLISH_WINDOW = 256;
    static final int SUBSCRIBES_AT_ONCE = 50;
    static final int GROUPS_AT_ONCE = 4;
    static final int SUBSCRIBE_ATTEMPTS = 3;
    private static final Executor RETRY_DELAY = CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS);
    private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(5);
    /** Longer than the consumers' invisible duration (120 s): a receive whose reply was lost is delivered again. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(3);
    /** Threads are settled when their count has not fallen for this long. */
    static final Duration SETTLED = Duration.ofSeconds(15);
    private static final int ERROR_SAMPLES = 1;

    /** {@code idle}, {@code busy} are null and {@code deliveriesPerSecond} NaN where the run failed before them. */
    record Result(Footprint idle, Footprint busy, double deliveriesPerSecond, String failure, String note,
            boolean closed) {}

    private final LightClients clients;
    private final SessionRegistry registry;
    private final int sessions;
    private final int groups;
    private final List<LightClients.Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong resubscribes = new AtomicLong();
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
    private volatile long lastDelivery;

    ScaleRun(LightClients clients, SessionRegistry registry, int sessions, int groups) {
        this.clients = clients;
        this.registry = registry;
        this.sessions = sessions;
        this.groups = groups;
    }

    /** Messages published in a run over {@code groups} groups: about {@link #DELIVERIES} deliveries in all. */
    static int messages(int groups) {
        return Math.max(MIN_PER_GROUP, DELIVERIES / groups);
    }

    Result run() {
        awaitThreadsSettled();
        Footprint idle = null;
        Footprint busy = null;
        double rate = Double.NaN;
        String failure = null;
        try {
            String topic = Topics.create("scale");
            String groupPrefix = Topics.group("scale");
            createGroups(groupPrefix, groups);
            idle = Footprint.sample();
            System.out.printf("scale %dx%d idle threads: %s%n", sessions, groups, Footprint.threadNames(8));
            subscribe(topic, groupPrefix);
            busy = Footprint.sample();
            System.out.printf("scale %dx%d subscribed threads: %s%n", sessions, groups, Footprint.threadNames(8));
            rate = deliver(topic);
        } catch (Exception | OutOfMemoryError e) {
            failure = (idle == null ? "creating the topic or groups failed: " : busy == null ? "subscribing failed: "
                    : "delivering failed: ") + e;
        }
        boolean closed = close();
        if (!closed) {
            failure = (failure == null ? "" : failure + "; ") + "sessions still open " + CLOSE_TIMEOUT
                    + " after the clients closed";
        }
        String note = errors.get() == 0 ? null : String.format("%d error frames during the run, e.g. %s",
                errors.get(), errorSamples);
        return new Result(idle, busy, rate, failure, note, closed);
    }

    /**
     * Creates the run's groups before the sessions subscribe, a few at a time: the gateway would create each on its
     * first subscribe (create-groups, as in tests), but 1,000 of those at once time out at a loaded broker, and a
     * deployment creates its groups ahead anyway.
     */
    private static void createGroups(String groupPrefix, int groups) throws Exception {
        BrokerAdmin admin = Arc.container().instance(BrokerAdmin.class).get();
        LightClients.ramp(groups, GROUPS_AT_ONCE, i -> admin.ensureGroup(group(groupPrefix, i)).onFailure().retry()
                .withBackOff(Duration.ofSeconds(1)).atMost(3).subscribeAsCompletionStage(), OPEN_TIMEOUT);
    }

    private static String group(String groupPrefix, int index) {
        return groupPrefix + "-" + index;
    }

    private void subscribe(String topic, String groupPrefix) throws Exception {
        LightClients.ramp(sessions, SUBSCRIBES_AT_ONCE, i -> {
            String group = group(groupPrefix, i % groups);
            return clients.open((socket, frame) -> onFrame(group, socket, frame)).thenCompose(socket -> {
                sockets.add(socket);
                return subscribe(socket, topic, group, 1);
            });
        }, OPEN_TIMEOUT);
        if (resubscribes.get() > 0) {
            System.out.printf("scale %dx%d: %d subscribes retried%n", sessions, groups, resubscribes.get());
        }
        await().atMost(OPEN_TIMEOUT).until(() -> registry.snapshots().stream()
                .filter(s -> topic.equals(s.topic())).count() == sessions);
    }

    /** Subscribes, again after a second if that fails, as a client does on a retriable error (a loaded Proxy). */
    private CompletableFuture<JsonNode> subscribe(LightClients.Socket socket, String topic, String group, int attempt) {
        return socket.request(frame("subscribe").put("topic", topic).put("group", group).put("prefetch", PREFETCH)
                .put("ackMode", "client")).handle((reply, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(reply);
                    }
                    if (attempt >= SUBSCRIBE_ATTEMPTS) {
                        return CompletableFuture.<JsonNode>failedFuture(error);
                    }
                    resubscribes.incrementAndGet();
                    return CompletableFuture.supplyAsync(() -> null, RETRY_DELAY)
                            .thenCompose(ignored -> subscribe(socket, topic, group, attempt + 1));
                }).thenCompose(reply -> reply);
    }

    private double deliver(String topic) throws Exception {
        int messages = messages(groups);
        long expected = (long) messages * groups;
        LightClients.Socket publisher = clients.open((socket, frame) -> {}).get(30, TimeUnit.SECONDS);
        sockets.add(publisher);
        long start = System.nanoTime();
        LightClients.ramp(messages, PUBLISH_WINDOW, i -> publisher.request(frame("publish").put("topic", topic)
                .put("body", LoadDriver.body(i))), DELIVERY_TIMEOUT);
        try {
            await().atMost(DELIVERY_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> delivered.size() >= expected);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(String.format("%d of %d deliveries (%d messages x %d groups) within %s "
                    + "of the first publish; %d duplicates", delivered.size(), expected, messages, groups,
                    DELIVERY_TIMEOUT, duplicates.get()));
        }
        return expected / ((lastDelivery - start) / 1e9);
    }

    private void onFrame(String group, LightClients.Socket socket, JsonNode frame) {
        String op = frame.path("op").asText();
        if ("message".equals(op)) {
            if (delivered.add(group + "/" + frame.path("messageId").asText())) {
                lastDelivery = System.nanoTime();
            } else {
                duplicates.incrementAndGet();
            }
            socket.send(frame("ack").put("receipt", frame.path("receipt").asText()));
        } else if ("error".equals(op) && errors.incrementAndGet() <= ERROR_SAMPLES) {
            errorSamples.add(frame.toString());
        }
    }

    /**
     * Waits (at most {@link #CLOSE_TIMEOUT}) until the JVM's thread count has stopped falling: the consumers of the
     * previous run's groups close in the background after their sessions, each taking its client's threads along, and
     * a close can wait for a receive of up to the consumers' await duration (10 s) to return.
     */
    private static void awaitThreadsSettled() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] lowest = {threads.getThreadCount(), System.nanoTime()};
        try {
            await().atMost(CLOSE_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                int now = threads.getThreadCount();
                if (now < lowest[0]) {
                    lowest[0] = now;
                    lowest[1] = System.nanoTime();
                }
                return System.nanoTime() - lowest[1] >= SETTLED.toNanos();
            });
        } catch (ConditionTimeoutException e) {
            // still falling: the idle figures say so
        }
    }

    /** Closes every client socket; true once the gateway has no session left. */
    private boolean close() {
        LightClients.closeAll(List.copyOf(sockets));
        try {
            await().atMost(CLOSE_TIMEOUT).until(() -> registry.snapshots().isEmpty());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static ObjectNode frame(String op) {
        return LightClients.JSON.createObjectNode().put("op", op);
    }
}
