package io.github.rocketmqws.gateway.security;

import static io.restassured.RestAssured.given;

import io.github.rocketmqws.gateway.support.SecuredProfile;
import io.github.rocketmqws.gateway.support.SecurityFixtures;
import io.github.rocketmqws.gateway.support.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console's REST API shows every session: it needs a role with monitor. Probes stay open. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class MonitorAccessTest {
    @TestHTTPResource("/ws/v1")
    URI uri;

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/status", "/api/v1/sessions"})
    void theRestApiNeedsCredentialsWithMonitor(String path) {
        given().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong").get(path).then().statusCode(401);
        given().header("Authorization", SecurityFixtures.bearer(SecurityFixtures.CLIENT_A_KEY)).get(path).then()
                .statusCode(403).body(Matchers.containsString("monitor"));
        given().header("Authorization", SecurityFixtures.bearer(SecurityFixtures.OPS_KEY)).get(path).then().statusCode(200);
    }

    @Test
    void theSessionListNamesEachSessionsPrincipal() {
        try (WsClient client = WsClient.connect(uri, SecurityFixtures.authorization(SecurityFixtures.CLIENT_B_KEY))) {
            given().header("Authorization", SecurityFixtures.bearer(SecurityFixtures.OPS_KEY)).get("/api/v1/sessions")
                    .then().statusCode(200).body("principal", Matchers.hasItem("client-b"));
        }
    }

    @Test
    void healthProbesAndTheConsolePageStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/").then().statusCode(200);
    }
}
