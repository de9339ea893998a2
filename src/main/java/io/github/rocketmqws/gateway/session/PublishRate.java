package io.github.rocketmqws.gateway.session;

/**
 * A token bucket per connection: {@code burst} publishes at once, refilled at {@code perSecond}. A rate of 0
 * means no limit. Frames of one connection are handled one at a time, so the bucket needs no lock of its own.
 */
final class PublishRate {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int perSecond;
    private final double burst;
    private double tokens;
    private long refilledAt;

    PublishRate(int perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.refilledAt = System.nanoTime();
    }

    synchronized boolean tryAcquire() {
        if (perSecond <= 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * (double) perSecond / NANOS_PER_SECOND);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Milliseconds until the next publish would pass, for the error message. */
    synchronized long millisUntilNext() {
        return perSecond <= 0 ? 0 : (long) Math.ceil((1 - tokens) * 1000 / perSecond);
    }

    int perSecond() {
        return perSecond;
    }
}
