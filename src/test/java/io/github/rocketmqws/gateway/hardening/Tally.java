package io.github.rocketmqws.gateway.hardening;

import io.github.rocketmqws.gateway.protocol.ErrorCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What every session sent and got back, for the counts table and the assertions; shared by all sessions. */
final class Tally {
    private static final int KEPT_VIOLATIONS = 50;

    private final Map<Category, long[]> sent = new EnumMap<>(Category.class); // [frames, of them fragmented]
    private final Map<Category, Map<ErrorCode, Long>> replies = new EnumMap<>(Category.class);
    private final Map<String, Long> closes = new TreeMap<>();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private long violationCount;

    synchronized void sent(BadFrame frame) {
        long[] counts = sent.computeIfAbsent(frame.category(), c -> new long[2]);
        counts[0]++;
        counts[1] += frame.fragments() > 1 ? 1 : 0;
    }

    synchronized void replied(Category category, ErrorCode code) {
        replies.computeIfAbsent(category, c -> new EnumMap<>(ErrorCode.class)).merge(code, 1L, Long::sum);
    }

    synchronized void closed(String how) {
        closes.merge(how, 1L, Long::sum);
    }

    /** Something the contract does not allow; the first {@value #KEPT_VIOLATIONS} are kept for the failure message. */
    void violation(String what) {
        synchronized (this) {
            violationCount++;
            if (violationCount > KEPT_VIOLATIONS) {
                return;
            }
        }
        violations.add(what);
    }

    synchronized long violationCount() {
        return violationCount;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized long sentTotal() {
        return sent.values().stream().mapToLong(counts -> counts[0]).sum();
    }

    synchronized long repliesTotal() {
        return replies.values().stream().flatMap(byCode -> byCode.values().stream()).mapToLong(Long::longValue).sum();
    }

    synchronized long closesTotal() {
        return closes.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized long sent(Category category) {
        return sent.getOrDefault(category, new long[2])[0];
    }

    synchronized long fragmented(Category category) {
        return sent.getOrDefault(category, new long[2])[1];
    }

    synchronized Map<ErrorCode, Long> replies(Category category) {
        return Map.copyOf(replies.getOrDefault(category, Map.of()));
    }

    synchronized Map<String, Long> closes() {
        return Map.copyOf(closes);
    }
}
