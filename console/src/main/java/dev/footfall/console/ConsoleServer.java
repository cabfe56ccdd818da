package dev.footfall.console;

import dev.footfall.console.api.LoginHandler;
import dev.footfall.console.api.QueryHandler;
import dev.footfall.console.api.RealtimeHandler;
import dev.footfall.console.auth.Access;
import dev.footfall.console.auth.ApiKeyStore;
import dev.footfall.console.auth.LoginSessions;
import dev.footfall.console.definitions.TopicDefinitions;
import dev.footfall.console.query.DefinitionsInForce;
import dev.footfall.console.query.StatsEngine;
import dev.footfall.console.web.HomeHandler;
import dev.footfall.console.web.Pages;
import dev.footfall.console.web.SecurityHeaders;
import dev.footfall.console.web.WebJars;
import dev.footfall.config.sites.Sites;
import java.time.Clock;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running console: the Stats API, the login and the dashboard's static files, on their own
 * port, apart from the public gateway (reading data is private, sending it is public).
 *
 * <pre>{@code
 * try (ConsoleServer console = ConsoleServer.start(config, sites, openSearch, Clock.systemUTC())) {
 *     System.out.println(console.newLoginLink());
 * }
 * }</pre>
 */
public final class ConsoleServer implements AutoCloseable {

    public static final String QUERY_ROUTE = "/api/v2/query";
    /** Footfall's extension: a funnel's visitors per step. */
    public static final String FUNNEL_ROUTE = "/api/v2/funnel";
    /** Footfall's extension: a site's funnels, for the dashboard's picker. */
    public static final String FUNNELS_ROUTE = "/api/footfall/funnels";
    public static final String REALTIME_ROUTE = "/api/v1/stats/realtime/visitors";
    /** Footfall's extension: the custom property names of the events a query matches. */
    public static final String PROPERTIES_ROUTE = "/api/footfall/properties";

    private final Server server;
    private final LoginSessions sessions;
    private final ApiKeyStore keys;
    private final String publicUrl;
    private final TopicDefinitions definitions;

    private ConsoleServer(Server server, LoginSessions sessions, ApiKeyStore keys, String publicUrl,
            TopicDefinitions definitions) {
        this.server = server;
        this.definitions = definitions;
        this.sessions = sessions;
        this.keys = keys;
        this.publicUrl = publicUrl;
    }

    public static ConsoleServer start(ConsoleConfig config, Sites sites, OpenSearchAccess openSearch, Clock clock) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("console");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);

        LoginSessions sessions = new LoginSessions(clock, config.sessionTtl(), config.loginLinkTtl());
        ApiKeyStore keys = new ApiKeyStore(openSearch, clock);
        Access access = new Access(keys, sessions);
        TopicDefinitions definitions = config.kafkaBootstrap() == null ? null
                : TopicDefinitions.start(config.kafkaBootstrap(), config.definitionsTopic(), config.definitionsRefresh());
        StatsEngine engine = new StatsEngine(openSearch, definitions == null ? DefinitionsInForce.NONE : definitions);

        PathMappingsHandler routes = new PathMappingsHandler();
        routes.addMapping(PathSpec.from(QUERY_ROUTE), QueryHandler.statsApi(access, sites, engine, clock));
        routes.addMapping(PathSpec.from(PROPERTIES_ROUTE), QueryHandler.propertyNames(access, sites, engine, clock));
        routes.addMapping(PathSpec.from(FUNNEL_ROUTE), QueryHandler.funnel(access, sites, engine, clock));
        routes.addMapping(PathSpec.from(FUNNELS_ROUTE), QueryHandler.funnelNames(access, sites, engine, clock));
        routes.addMapping(PathSpec.from(REALTIME_ROUTE), new RealtimeHandler(access, sites, engine, clock));
        LoginHandler login = new LoginHandler(sessions, config.password(), sites);
        routes.addMapping(PathSpec.from(LoginHandler.LOGIN), login);
        routes.addMapping(PathSpec.from(LoginHandler.LOGOUT), login);
        routes.addMapping(PathSpec.from(LoginHandler.SESSION), login);
        routes.addMapping(PathSpec.from("/health"), new HomeHandler.Health());
        routes.addMapping(PathSpec.from(""), new HomeHandler(sessions));
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newClassLoaderResource(Pages.RESOURCE_DIR));
        files.setDirAllowed(false);
        files.setCacheControl("no-cache");
        routes.addMapping(PathSpec.from(WebJars.PREFIX + "uplot/*"), WebJars.handler(server, "uplot"));
        routes.addMapping(PathSpec.from("/"), new Handler.Sequence(files, new HomeHandler.NotFound()));
        server.setHandler(new ContextHandler(new SecurityHeaders(routes), "/"));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            if (definitions != null) {
                definitions.close();
            }
            throw new IllegalStateException("the console did not start: " + e.getMessage(), e);
        }
        int port = connector.getLocalPort();
        String url = config.publicUrl() != null ? config.publicUrl() : "http://localhost:" + port;
        return new ConsoleServer(server, sessions, keys, url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
                definitions);
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The console's URL as a browser reaches it. */
    public String url() {
        return publicUrl;
    }

    /** A one-time login link, valid for the configured link lifetime. */
    public String newLoginLink() {
        return publicUrl + LoginHandler.LOGIN + "?token=" + sessions.newLoginLinkToken();
    }

    /** How long a login link stays valid. */
    public java.time.Duration loginLinkTtl() {
        return sessions.linkTtl();
    }

    public ApiKeyStore keys() {
        return keys;
    }

    @Override
    public void close() {
        if (definitions != null) {
            definitions.close();
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the console did not stop cleanly", e);
        }
    }
}
