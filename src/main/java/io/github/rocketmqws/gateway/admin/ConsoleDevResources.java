package io.github.rocketmqws.gateway.admin;

import io.quarkus.runtime.LaunchMode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * In dev mode only, serves the web console straight from its source folder {@code web-console/}, so an edited file
 * shows on the next page load. The build packages that folder as {@code META-INF/resources} (pom.xml), and that copy
 * is what every other mode serves; dev mode's own copy of changed resources ignores the pom's {@code targetPath} and
 * would leave the page stale until a restart.
 */
@ApplicationScoped
class ConsoleDevResources {
    private static final Logger LOG = Logger.getLogger(ConsoleDevResources.class);
    private static final Path SOURCES = Path.of("web-console");

    void serveSources(@Observes Router router) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || !Files.isDirectory(SOURCES)) {
            return;
        }
        String root = SOURCES.toAbsolutePath().toString();
        // Before Quarkus's own static resources; a path with no file here falls through to them and to the endpoints.
        router.route().order(Integer.MIN_VALUE).handler(StaticHandler.create(FileSystemAccess.ROOT, root)
                .setCachingEnabled(false)
                .setDefaultContentEncoding("UTF-8"));
        LOG.infof("dev mode: the web console is served from %s", root);
    }
}
