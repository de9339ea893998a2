package io.github.rocketmqws.gateway.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.github.rocketmqws.gateway.support.Topics;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @Test
    void readinessReportsTheBroker() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("rocketmq"));
    }

    @Test
    void metricsCountSessionsDeliveriesAcksAndPublishes() {
        String topic = Topics.create("metrics");
        try (WsClient client = WsClient.connect(uri)) {
            client.subscribe(topic, Topics.group("metrics"), 4);
            client.publish(topic, "counted");
            client.ack(client.awaitMessages(1).get(0));
            client.publish(topic, "counted again"); // the ack above is processed before this publish
            client.awaitMessages(2);

            String metrics = given().when().get("/q/metrics").then().statusCode(200)
                    .body(containsString("gateway_sessions"))
                    .body(containsString("gateway_publish_latency_seconds"))
                    .extract().asString();
            assertThat(value(metrics, "gateway_deliveries_total")).isGreaterThanOrEqualTo(2);
            assertThat(value(metrics, "gateway_acks_total")).isGreaterThanOrEqualTo(1);
            assertThat(value(metrics, "gateway_publishes_total")).isGreaterThanOrEqualTo(2);
            assertThat(value(metrics, "gateway_sessions")).isGreaterThanOrEqualTo(1);
        }
    }

    private static double value(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
