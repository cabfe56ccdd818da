package dev.footfall.gateway.http;

import dev.footfall.config.sites.Sites;
import dev.footfall.gateway.GatewayConfig;
import dev.footfall.gateway.ingest.MessageIntake;
import dev.footfall.gateway.ingest.Route;
import dev.footfall.gateway.limits.RateLimiter;
import dev.footfall.gateway.metrics.GatewayMetrics;
import dev.footfall.gateway.privacy.ClientAddressResolver;
import dev.footfall.gateway.sink.KafkaSink;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's route table. Exact paths map to their handlers; everything else goes to the
 * optional static directory and then to a JSON 404.
 */
public final class GatewayHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandlers.class);

    private GatewayHandlers() {
    }

    public static Handler create(Server server, GatewayConfig config, Sites sites, MessageIntake intake,
            KafkaSink sink, ClientAddressResolver addresses, RateLimiter addressLimiter, GatewayMetrics metrics) {
        IngestHandler.Shared shared = new IngestHandler.Shared(sites, intake, sink, addresses, addressLimiter,
                metrics, new Cors(sites, config.corsMaxAge()), config.maxRequestBytes(),
                config.kafkaRetryAfterSeconds());
        PathMappingsHandler routes = new PathMappingsHandler();
        for (Route route : Route.values()) {
            IngestHandler handler = new IngestHandler(route, shared);
            routes.addMapping(PathSpec.from(route.path()), handler);
            // Some SDKs append a slash (analytics-java posts to /v1/import/).
            routes.addMapping(PathSpec.from(route.path() + "/"), handler);
        }
        TrackerScriptHandler tracker = new TrackerScriptHandler(config.trackerResource(), config.trackerCacheAge(), metrics);
        if (!tracker.isAvailable()) {
            LOG.warn("{} is not on the classpath: /footfall.js answers 404", config.trackerResource());
        }
        routes.addMapping(PathSpec.from(TrackerScriptHandler.ROUTE), tracker);
        routes.addMapping(PathSpec.from("/health"), new StatusHandlers.Liveness(metrics));
        routes.addMapping(PathSpec.from("/health/sink"), new StatusHandlers.SinkHealth(sink, metrics));
        routes.addMapping(PathSpec.from("/metrics"), new StatusHandlers.Metrics(metrics));
        routes.addMapping(PathSpec.from("/"), fallback(server, config.staticDir(), metrics));
        server.setErrorHandler(new JsonErrorHandler(config.kafkaRetryAfterSeconds()));
        // A root context: without one, Jetty cannot tell handlers their path within the context.
        ContextHandler root = new ContextHandler(routes, "/");
        root.setErrorHandler(new JsonErrorHandler(config.kafkaRetryAfterSeconds()));
        return root;
    }

    private static Handler fallback(Server server, Path staticDir, GatewayMetrics metrics) {
        Handler notFound = new StatusHandlers.NotFound(metrics);
        if (staticDir == null) {
            return notFound;
        }
        if (!Files.isDirectory(staticDir)) {
            throw new IllegalArgumentException("configuration key 'static.dir' (environment "
                    + GatewayConfig.envName("static.dir") + ") names " + staticDir + ", which is not a directory");
        }
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newResource(staticDir.toAbsolutePath()));
        files.setDirAllowed(false);
        files.setWelcomeFiles("index.html");
        files.setCacheControl("no-cache");
        return new Handler.Sequence(files, notFound);
    }
}
