package io.github.rocketmqws.gateway.hardening;

import static io.github.rocketmqws.gateway.support.WsClient.frame;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Input hardening: a seeded flood of hostile frames on several sessions at once, beside one well-behaved session
 * that publishes and consumes. Every hostile frame must get exactly the error the contract promises (or, over the
 * transport limit, the documented close), and the good session must lose nothing and see nothing twice. Replay a
 * run with {@code -Dhardening.seed=<the seed it printed>}; {@code -Dhardening.frames} (per hostile session) and
 * {@code -Dhardening.good} (messages) shrink it while debugging.
 */
@QuarkusTest
@TestProfile(HardeningProfile.class)
class HostileInputTest {
    private static final long SEED = Long.getLong("hardening.seed", 20_250_611L);
    private static final int HOSTILE_SESSIONS = 4;
    private static final int FRAMES_PER_SESSION = Integer.getInteger("hardening.frames", 25_000);
    private static final int WINDOW = 64;
    private static final int GOOD_MESSAGES = Integer.getInteger("hardening.good", 10_000);
    private static final int OVERSIZE_MESSAGES = 6;

    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void hostileFramesGetTheirErrorsWhileAGoodSessionLosesNothing() throws Exception {
        System.out.printf("HostileInputTest: seed %d, %d hostile sessions x %d frames (window %d), good session %d"
                + " messages, %d oversize messages%n", SEED, HOSTILE_SESSIONS, FRAMES_PER_SESSION, WINDOW,
                GOOD_MESSAGES, OVERSIZE_MESSAGES);
        Tally tally = new Tally();
        CountsTable.Clock clock = new CountsTable.Clock();
        try (GoodSession good = new GoodSession(uri, GOOD_MESSAGES)) {
            try {
                flood(tally, good, clock);
            } finally {
                System.out.print(CountsTable.render(tally, good, clock));
            }
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(tally.violations()).as("contract violations (%d in all)", tally.violationCount()).isEmpty();
            softly.assertThat(tally.sentTotal()).as("hostile frames sent").isEqualTo((long) HOSTILE_SESSIONS * FRAMES_PER_SESSION);
            softly.assertThat(tally.repliesTotal()).as("error frames received").isEqualTo(tally.sentTotal());
            softly.assertThat(tally.closesTotal()).as("closes after oversize messages").isEqualTo(OVERSIZE_MESSAGES);
            softly.assertThat(good.problems()).as("the good session's unexpected frames and connection trouble").isEmpty();
            softly.assertThat(good.published()).as("publishes confirmed").isEqualTo(GOOD_MESSAGES);
            softly.assertThat(good.lost()).as("messages never delivered (first 20)").isEmpty();
            softly.assertThat(good.duplicates()).as("messages delivered twice").isZero();
            softly.assertThat(good.unmatchedIds()).as("message ids delivered but not published, or the reverse").isEmpty();
            softly.assertThat(good.acked()).as("acks confirmed").isEqualTo(GOOD_MESSAGES);
            softly.assertAll();
        }
        // The gateway is still there for a newcomer.
        try (WsClient newcomer = WsClient.connect(uri)) {
            assertThat(newcomer.request(frame("unsubscribe")).path("code").asText()).isEqualTo("NOT_SUBSCRIBED");
        }
    }

    /**
     * Found by this class: Jackson's defaults stop at the end of the first JSON value, so text after a complete object
     * went unnoticed and this publish reached the broker. A frame is one object and nothing after it.
     */
    @Test
    void textAfterTheObjectMakesABadFrame() {
        String topic = Topics.create("hardening-trailing");
        try (WsClient client = WsClient.connect(uri)) {
            client.send("{\"op\":\"publish\",\"id\":\"t1\",\"topic\":\"" + topic + "\",\"body\":\"x\"} and then some");
            JsonNode reply = client.awaitFrame(f -> true);
            assertThat(reply.path("op").asText()).as("reply %s", reply).isEqualTo("error");
            assertThat(reply.path("code").asText()).as("reply %s", reply).isEqualTo("BAD_FRAME");
        }
    }

    /**
     * Found by this class: Vert.x hands over a text frame that is not UTF-8 with U+FFFD for the bad bytes, and this
     * publish went out with its body altered (FF FE C3 28 stored as EF BF BD EF BF BD EF BF BD 28). RFC 6455 would
     * close the connection (1007); docs/protocol.md makes it a BAD_FRAME.
     */
    @Test
    void aTextFrameThatIsNotUtf8IsABadFrame() throws Exception {
        String topic = Topics.create("hardening-utf8");
        List<String> replies = new CopyOnWriteArrayList<>();
        try (RawFloodClient client = RawFloodClient.connect(uri, "not-utf8", replies::add)) {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.writeBytes(("{\"op\":\"publish\",\"id\":\"u1\",\"topic\":\"" + topic + "\",\"body\":\"").getBytes(UTF_8));
            frame.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, '('});
            frame.writeBytes("\"}".getBytes(UTF_8));
            client.sendText(frame.toByteArray(), 1);
            client.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> !replies.isEmpty() || client.isClosed());
            assertThat(replies).as("replies (connection: %s)", client.trouble()).hasSize(1);
            assertThat(replies.get(0)).startsWith("{\"op\":\"error\"").contains("\"code\":\"BAD_FRAME\"");
        }
    }

    private void flood(Tally tally, GoodSession good, CountsTable.Clock clock) throws Exception {
        String goodTopic = Topics.create("hardening-good");
        String goodGroup = Topics.group("hardening-good");
        String idleTopic = Topics.create("hardening-idle");
        good.subscribe(goodTopic, goodGroup);
        List<HostileSession> hostile = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(HOSTILE_SESSIONS + 2);
        try {
            for (int i = 0; i < HOSTILE_SESSIONS; i++) {
                // Half the sessions hold a subscription (to a topic nobody publishes to): their out-of-order frames
                // are a second subscribe and receipts they never got; the others' are acks with no subscription.
                boolean subscribed = i % 2 == 1;
                HostileFrames frames = new HostileFrames(SEED + i, "h" + i + "-", subscribed);
                HostileSession session = new HostileSession(uri, "hostile-" + i, frames, tally, WINDOW);
                hostile.add(session);
                if (subscribed) {
                    session.subscribe(idleTopic, Topics.group("hardening-idle"));
                }
            }
            clock.start();
            Future<?> publishing = pool.submit(call(() -> good.publishAll(goodTopic)));
            List<Future<?>> attacks = new ArrayList<>();
            attacks.add(pool.submit(call(() -> new OversizeProbe(uri, SEED - 1, tally,
                    HardeningProfile.TRANSPORT_MAX_MESSAGE_SIZE).run(OVERSIZE_MESSAGES))));
            for (HostileSession session : hostile) {
                attacks.add(pool.submit(call(() -> {
                    session.flood(FRAMES_PER_SESSION);
                    session.awaitReplies();
                })));
            }
            for (Future<?> attack : attacks) {
                join(attack);
            }
            clock.hostileDone();
            join(publishing);
            good.awaitAllAcked();
            clock.goodDone();
            good.awaitNothingComesBack(goodTopic, goodGroup);
        } finally {
            pool.shutdownNow();
            hostile.forEach(HostileSession::close);
            clock.end();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static Callable<Void> call(Step step) {
        return () -> {
            step.run();
            return null;
        };
    }

    private static void join(Future<?> task) throws Exception {
        try {
            task.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw e;
        }
    }
}
