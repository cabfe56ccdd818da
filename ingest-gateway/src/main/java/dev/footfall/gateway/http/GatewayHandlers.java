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
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's route table. Exact paths map to their handlers; everything else goes to the
 * optional static directory and then to a JSON 404. The ingest routes and the tracker script live
 * under the configured path prefix, the operational routes at the root; {@link Cors} wraps them all.
 */
public final class GatewayHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandlers.class);

    private GatewayHandlers() {
    }

    public static Handler create(Server server, GatewayConfig config, Sites sites, MessageIntake intake,
            KafkaSink sink, ClientAddressResolver addresses, RateLimiter addressLimiter, GatewayMetrics metrics) {
        Cors cors = new Cors(sites, config.corsMaxAge());
        IngestHandler.Shared shared = new IngestHandler.Shared(sites, intake, sink, addresses, addressLimiter,
                metrics, cors, config.maxRequestBytes(), config.kafkaRetryAfterSeconds());
        // Under the prefix: what a site's pages reach, through a first-party proxy if it likes.
        String prefix = config.httpPathPrefix();
        PathMappingsHandler routes = new PathMappingsHandler();
        for (Route route : Route.values()) {
            IngestHandler handler = new IngestHandler(route, shared);
            for (String path : route.paths()) {
                routes.addMapping(PathSpec.from(prefix + path), handler);
                // Some SDKs append a slash (analytics-java posts to /v1/import/).
                routes.addMapping(PathSpec.from(prefix + path + "/"), handler);
            }
        }
        TrackerScriptHandler tracker = new TrackerScriptHandler(config.trackerResource(), config.trackerCacheAge(), metrics);
        if (!tracker.isAvailable()) {
            LOG.warn("{} is not on the classpath: {}{} answers 404", config.trackerResource(), prefix,
                    TrackerScriptHandler.ROUTE);
        }
        routes.addMapping(PathSpec.from(prefix + TrackerScriptHandler.ROUTE), tracker);
        if (!config.trackerAlias().isEmpty()) {
            routes.addMapping(PathSpec.from(prefix + "/" + config.trackerAlias()), tracker);
        }
        // At the root: what operators and load balancers reach.
        routes.addMapping(PathSpec.from("/health"), StatusHandlers.liveness(metrics));
        routes.addMapping(PathSpec.from("/health/sink"), StatusHandlers.sinkHealth(sink, metrics));
        routes.addMapping(PathSpec.from("/metrics"), StatusHandlers.metrics(metrics));
        routes.addMapping(PathSpec.from("/"), fallback(server, config.staticDir(), prefix, metrics));
        cors.setHandler(routes);
        server.setErrorHandler(new JsonErrorHandler(config.kafkaRetryAfterSeconds(), cors));
        // A root context: without one, Jetty cannot tell handlers their path within the context.
        ContextHandler root = new ContextHandler(cors, "/");
        root.setErrorHandler(new JsonErrorHandler(config.kafkaRetryAfterSeconds(), cors));
        return root;
    }

    private static Handler fallback(Server server, Path staticDir, String prefix, GatewayMetrics metrics) {
        Handler notFound = new StatusHandlers.NotFound(prefix, metrics);
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
        return new Handler.Sequence(new ReadOnly(files), notFound);
    }

    /**
     * Static files answer GET and HEAD; any other method goes on to the JSON 404. Jetty's
     * ResourceHandler would answer an OPTIONS itself, with a 200 that refused nothing and said why
     * in no words a page could read.
     */
    private static final class ReadOnly extends Handler.Wrapper {
        ReadOnly(Handler files) {
            super(files);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String method = request.getMethod();
            return (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) && super.handle(request, response, callback);
        }
    }
}
