package io.github.rocketmqws.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One headless Chromium per test class, a fresh page per test, and no script error left unnoticed. Without Chromium
 * the tests are skipped with a message, except under CI=true, where they fail (.ci/run installs Chromium).
 */
abstract class ConsoleBrowser {
    private static final Logger LOG = Logger.getLogger(ConsoleBrowser.class);
    private static Chromium browser;

    @TestHTTPResource("/")
    URI root;

    @BeforeAll
    static void startBrowser() {
        Chromium.failIfMissingOnCi();
        if (Chromium.installed()) {
            browser = Chromium.start();
        } else {
            LOG.warnf("skipping the browser tests: %s", Chromium.missing());
        }
    }

    @BeforeEach
    void requireBrowser() {
        assumeTrue(browser != null, () -> "skipped: " + Chromium.missing());
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @AfterEach
    void pageLoggedNoErrors() {
        if (browser == null) {
            return;
        }
        assertThat(browser.severeLogs()).filteredOn(line -> !expectedInBrowserLog(line))
                .as("errors in the browser console").isEmpty();
    }

    /** Whether Chromium logged {@code line} for a failure the test caused on purpose and the page shows. */
    boolean expectedInBrowserLog(String line) {
        // A refused WebSocket is logged by Chromium itself; the console shows it, and the tests that cause it say so.
        return line.contains("WebSocket connection to");
    }

    /** Opens the console and waits until it has connected to the gateway it came from. */
    ConsolePage openConnected() {
        ConsolePage page = ConsolePage.open(browser.driver(), root);
        page.connect().awaitState("open");
        return page;
    }

    ConsolePage openDisconnected() {
        return ConsolePage.openDisconnected(browser.driver(), root);
    }

    /** The URL the console should connect to by default: the page's origin, path /ws/v1. */
    String gatewayUrl() {
        return "ws://" + root.getHost() + ":" + root.getPort() + "/ws/v1";
    }

    static Chromium browser() {
        return browser;
    }
}
