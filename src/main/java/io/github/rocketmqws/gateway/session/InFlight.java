package io.github.rocketmqws.gateway.session;

import io.github.rocketmqws.gateway.broker.BrokerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deliveries of one session that the broker still counts as un-acked, by gateway receipt. Its size is the
 * session's used credit. Receipts are short, opaque and never reused within the session.
 */
final class InFlight {
    private final Map<String, BrokerMessage> byReceipt = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    String add(BrokerMessage message) {
        String receipt = Long.toString(sequence.incrementAndGet(), 36);
        byReceipt.put(receipt, message);
        return receipt;
    }

    /** Removes and returns the message, or null when the receipt is unknown or already settled. */
    BrokerMessage take(String receipt) {
        return byReceipt.remove(receipt);
    }

    List<BrokerMessage> drain() {
        List<BrokerMessage> drained = new ArrayList<>(byReceipt.size());
        for (String receipt : List.copyOf(byReceipt.keySet())) {
            BrokerMessage message = byReceipt.remove(receipt);
            if (message != null) {
                drained.add(message);
            }
        }
        return drained;
    }

    int size() {
        return byReceipt.size();
    }
}
