package io.github.rocketmqws.gateway.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The read-only JSON the Status view polls: GET /api/v1/status and /api/v1/sessions (docs/console.md). */
@QuarkusTest
class StatusApiTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void statusCountsSessionsSubscriptionsAndTraffic() {
        JsonPath before = status();
        String topic = Topics.create("status-api");
        try (WsClient client = WsClient.connect(uri)) {
            client.subscribe(topic, Topics.group("status-api"), 4);
            client.publish(topic, "counted");
            client.ack(client.awaitMessages(1).get(0));
            client.publish(topic, "counted again"); // the ack above is processed before this publish
            client.awaitMessages(2);

            given().get("/api/v1/status").then().statusCode(200)
                    .contentType("application/json")
                    .body("sessions", greaterThanOrEqualTo(1))
                    .body("subscriptions", greaterThanOrEqualTo(1))
                    .body("inFlight", greaterThanOrEqualTo(1))
                    .body("brokerReachable", equalTo(true))
                    .body("transport", equalTo("grpc"))
                    .body("time", greaterThan(before.getLong("time")))
                    .body("counters.publishes", greaterThanOrEqualTo(before.getInt("counters.publishes") + 2))
                    .body("counters.deliveries", greaterThanOrEqualTo(before.getInt("counters.deliveries") + 2))
                    .body("counters.acks", greaterThanOrEqualTo(before.getInt("counters.acks") + 1))
                    .body("counters.nacks", greaterThanOrEqualTo(before.getInt("counters.nacks")))
                    .body("counters.publishFailures", greaterThanOrEqualTo(before.getInt("counters.publishFailures")));
        }
    }

    @Test
    void aFailedPublishIsCounted() {
        int failures = status().getInt("counters.publishFailures");
        try (WsClient client = WsClient.connect(uri)) {
            client.request(WsClient.frame("publish").put("topic", Topics.group("no-such-topic")).put("body", "x"));
        }
        assertThat(status().getInt("counters.publishFailures")).isGreaterThan(failures);
    }

    @Test
    void sessionsListEachSessionWithItsSubscription() {
        String topic = Topics.create("sessions-api");
        String group = Topics.group("sessions-api");
        try (WsClient subscribed = WsClient.connect(uri); WsClient idle = WsClient.connect(uri)) {
            subscribed.subscribe(topic, group, 7);
            subscribed.publish(topic, "held");
            subscribed.awaitMessages(1); // not acked: one in flight

            String mine = "find { it.topic == '" + topic + "' }";
            given().get("/api/v1/sessions").then().statusCode(200)
                    .contentType("application/json")
                    .body(mine + ".group", equalTo(group))
                    .body(mine + ".prefetch", equalTo(7))
                    .body(mine + ".inFlight", equalTo(1))
                    .body(mine + ".id", not(emptyOrNullString()))
                    .body("topic", hasItem((String) null)); // the idle session: no subscription
        }
    }

    private static JsonPath status() {
        return given().get("/api/v1/status").then().statusCode(200).extract().jsonPath();
    }
}
