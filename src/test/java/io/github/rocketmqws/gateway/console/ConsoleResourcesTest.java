package io.github.rocketmqws.gateway.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The gateway serves web-console/ (packaged as META-INF/resources) at its root. */
@QuarkusTest
class ConsoleResourcesTest {
    @Test
    void thePageIsServedAtTheRoot() {
        given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<rmq-subscribe"))
                .body(containsString("js/console.js"));
    }

    @Test
    void theModulesAreServedAsJavaScript() {
        for (String module : new String[] {"js/protocol.js", "js/client.js", "js/console.js", "js/views/status-view.js"}) {
            given().get("/" + module).then().statusCode(200).contentType(containsString("javascript"));
        }
        given().get("/css/console.css").then().statusCode(200).contentType(containsString("text/css"));
    }
}
