package io.github.rocketmqws.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rocketmqws.gateway.support.Topics;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsoleStatusTest extends ConsoleBrowser {
    @Test
    void theStatusViewShowsSessionsTheBrokerAndAChartThatFollowsTheTraffic() {
        String topic = Topics.create("console-status");
        ConsolePage page = openConnected();
        StatusView status = page.status().awaitState("ok");
        assertThat(status.broker()).isEqualTo("reachable");

        page.subscribe().subscribe(topic, Topics.group("console-status")).awaitState("subscribed");
        page.await().withMessage("the page's own session in the session table")
                .until(d -> status.sessionRowsWithTopic(topic) == 1);
        assertThat(status.sessions()).isGreaterThanOrEqualTo(1);
        assertThat(status.subscriptions()).isGreaterThanOrEqualTo(1);

        int samples = status.samples();
        for (int i = 0; i < 3; i++) {
            String messageId = page.publish().topic(topic).text("rate " + i).publish();
            page.subscribe().awaitMessage(messageId, 1).ack().awaitStatus("acked");
        }
        status.awaitPeakAbove("publishes", 0).awaitPeakAbove("deliveries", 0).awaitPeakAbove("acks", 0);

        assertThat(status.samples()).isGreaterThan(samples);
        assertThat(status.points("publishes")).isNotBlank();
        browser().screenshot("status", status.element());
        browser().screenshot("console");
    }
}
