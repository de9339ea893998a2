package io.github.rocketmqws.gateway.hardening;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Messages over the transport limit ({@code quarkus.websockets-next.server.max-message-size}) cannot be read, so
 * cannot be answered: each must cost its connection a close (docs/security.md: 1009), and nothing else. One
 * connection per message, as whole frames, fragments and binary.
 */
final class OversizeProbe {
    static final int DOCUMENTED_CLOSE = 1009;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI uri;
    private final Dice dice;
    private final Tally tally;
    private final int limit;

    OversizeProbe(URI uri, long seed, Tally tally, int limit) {
        this.uri = uri;
        this.dice = new Dice(seed);
        this.tally = tally;
        this.limit = limit;
    }

    void run(int messages) throws IOException {
        for (int i = 0; i < messages; i++) {
            int size = limit + 1 + dice.between(0, limit / 2);
            String kind = switch (i % 3) {
                case 0 -> "text frame";
                case 1 -> "fragmented text";
                default -> "binary frame";
            };
            String description = kind + " of " + size + " bytes";
            try (RawFloodClient client = RawFloodClient.connect(uri, "oversize",
                    reply -> tally.violation("a reply to an oversize " + description + ": " + reply))) {
                String text = "{\"op\":\"publish\",\"id\":\"big\",\"topic\":\"t\",\"body\":\"" + "o".repeat(size) + "\"}";
                try {
                    switch (i % 3) {
                        case 0 -> client.sendText(text);
                        case 1 -> client.sendText(text.getBytes(StandardCharsets.UTF_8), dice.between(2, 8));
                        default -> client.sendBinary(text.getBytes(StandardCharsets.UTF_8));
                    }
                    client.flush();
                } catch (IOException e) {
                    // The gateway may close before the whole message is written; the close is what counts.
                }
                try {
                    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(client::isClosed);
                } catch (ConditionTimeoutException e) {
                    tally.violation("no close within " + TIMEOUT + " after an oversize " + description);
                    continue;
                }
                String how = client.trouble();
                tally.closed(kind + ": " + how);
                if (client.closeCode() != DOCUMENTED_CLOSE) {
                    tally.violation("an oversize " + description + ": " + how + " instead of " + DOCUMENTED_CLOSE);
                }
            }
        }
    }
}
