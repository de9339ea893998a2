package io.github.rocketmqws.gateway.bench;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/** Drives a {@link LoadPath}: pipelined publishes, consumption of a backlog, latency at a fixed rate. */
final class LoadDriver {
    static final int BODY_BYTES = 1024;
    static final int WINDOW = 256;
    private static final long TIMEOUT_MINUTES = 5;

    private LoadDriver() {}

    /** A 1 KiB body carrying its sequence number and the send time, so a receiver can measure latency. */
    static String body(int seq) {
        String head = seq + "|" + System.nanoTime() + "|";
        return head + "x".repeat(BODY_BYTES - head.length());
    }

    /** A message that proves a consumer receives before a timed phase starts; its sequence number is -1. */
    static String primer() {
        return "-1|" + System.nanoTime() + "|primer";
    }

    static int seq(String body) {
        return Integer.parseInt(body, 0, body.indexOf('|'), 10);
    }

    static long sentNanos(String body) {
        int first = body.indexOf('|');
        return Long.parseLong(body, first + 1, body.indexOf('|', first + 1), 10);
    }

    /** Publishes {@code count} messages with at most {@link #WINDOW} unconfirmed; returns msgs/s. */
    static double publish(LoadPath path, String topic, int count) throws InterruptedException {
        Semaphore window = new Semaphore(WINDOW);
        CountDownLatch confirmed = new CountDownLatch(count);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            window.acquire();
            path.publish(topic, body(i)).whenComplete((reply, error) -> {
                if (error != null) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, error);
                }
                window.release();
                confirmed.countDown();
            });
        }
        await(confirmed, path.name() + " publish");
        double rate = count * 1e9 / (System.nanoTime() - start);
        if (failures.get() > 0) {
            throw new IllegalStateException(path.name() + ": " + failures + " publishes failed, the first with: "
                    + firstFailure.get().getMessage(), firstFailure.get());
        }
        return rate;
    }

    /** Publishes {@code count} messages one at a time, each after the last was confirmed; returns (p50, p99) in ms. */
    static double[] roundTrip(LoadPath path, String topic, int count) throws Exception {
        ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            path.publish(topic, body(i)).get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            samples.add(System.nanoTime() - start);
        }
        return percentiles(samples);
    }

    /** Consumes a backlog of {@code count} messages with acks; msgs/s from the first to the last delivery. */
    static double consume(LoadPath path, String topic, String group, int count) throws Exception {
        CountDownLatch received = new CountDownLatch(count);
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        try (AutoCloseable consumer = path.consume(topic, group, body -> {
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            last.set(now);
            received.countDown();
        })) {
            await(received, path.name() + " consume");
        }
        return (count - 1) * 1e9 / (last.get() - first.get());
    }

    /**
     * Publishes at {@code rate} msgs/s for {@code seconds} + 1 while consuming; returns send-to-receive latencies in
     * ms (p50, p99, p99.9) of the messages after the first second, which warms the consumer up.
     */
    static double[] latency(LoadPath path, String topic, String group, int rate, int seconds) throws Exception {
        int total = rate * (seconds + 1);
        CountDownLatch received = new CountDownLatch(total);
        ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
        CountDownLatch primed = new CountDownLatch(1);
        try (AutoCloseable consumer = path.consume(topic, group, body -> {
            int seq = seq(body);
            if (seq < 0) {
                primed.countDown();
                return;
            }
            if (seq >= rate) {
                samples.add(System.nanoTime() - sentNanos(body));
            }
            received.countDown();
        })) {
            prime(path, topic, primed);
            long start = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int i = 0; i < total; i++) {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
                path.publish(topic, body(i)).whenComplete((reply, error) -> {
                    if (error != null && failure.compareAndSet(null, error)) {
                        // the message will never arrive: stop waiting for it
                        while (received.getCount() > 0) {
                            received.countDown();
                        }
                    }
                });
            }
            await(received, path.name() + " latency");
            if (failure.get() != null) {
                throw new IllegalStateException(path.name() + ": a publish failed", failure.get());
            }
        }
        return percentiles(samples);
    }

    /**
     * Publishes {@code count} messages as fast as the window allows while a consumer reads them: returns the delivered
     * msgs/s (first publish to last delivery) and the send-to-receive latencies in ms (p50, p99, p99.9) of the
     * messages after the first tenth.
     */
    static double[] saturation(LoadPath path, String topic, String group, int count) throws Exception {
        CountDownLatch received = new CountDownLatch(count);
        ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
        AtomicLong last = new AtomicLong();
        long start;
        CountDownLatch primed = new CountDownLatch(1);
        try (AutoCloseable consumer = path.consume(topic, group, body -> {
            long now = System.nanoTime();
            int seq = seq(body);
            if (seq < 0) {
                primed.countDown();
                return;
            }
            if (seq >= count / 10) {
                samples.add(now - sentNanos(body));
            }
            last.set(now);
            received.countDown();
        })) {
            prime(path, topic, primed);
            start = System.nanoTime();
            publish(path, topic, count);
            await(received, path.name() + " saturation");
        }
        double[] p = percentiles(samples);
        return new double[] {count * 1e9 / (last.get() - start), p[0], p[1], p[2]};
    }

    /**
     * Publishes a primer every 100 ms until the consumer has received one: a new consumer (a push consumer's first
     * rebalance above all) can take a second or more to start, which would be measured as the first messages' latency.
     */
    private static void prime(LoadPath path, String topic, CountDownLatch primed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!primed.await(100, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(path.name() + ": the consumer received nothing within a minute");
            }
            path.publish(topic, primer());
        }
    }

    private static double[] percentiles(ConcurrentLinkedQueue<Long> samples) {
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999)};
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * sorted.length))] / 1e6;
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            throw new IllegalStateException(what + ": " + latch.getCount() + " messages missing after "
                    + TIMEOUT_MINUTES + " min");
        }
    }
}
