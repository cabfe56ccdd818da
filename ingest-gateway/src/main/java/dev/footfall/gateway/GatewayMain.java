package dev.footfall.gateway;

import dev.footfall.event.EventRules;
import dev.footfall.event.Limits;
import dev.footfall.gateway.http.GatewayHandlers;
import dev.footfall.gateway.http.RequestDeadlines;
import dev.footfall.gateway.ingest.MessageIntake;
import dev.footfall.gateway.limits.RateLimiter;
import dev.footfall.gateway.metrics.GatewayMetrics;
import dev.footfall.gateway.privacy.ClientAddressResolver;
import dev.footfall.gateway.privacy.CookielessVisitorIds;
import dev.footfall.gateway.privacy.DailySalts;
import dev.footfall.gateway.sink.KafkaSink;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ingest gateway: {@code java -cp ... dev.footfall.gateway.GatewayMain}, configured by
 * the reference configuration, a config file, environment variables and system properties
 * (docs/configuration.md).
 */
public final class GatewayMain {

    static {
        // The standalone gateway's logging, unless the deployment brings its own. Set before the
        // first logger exists; a library jar must not ship a log4j2.xml that would shadow others'.
        if (System.getProperty("log4j2.configurationFile") == null && System.getenv("LOG4J_CONFIGURATION_FILE") == null) {
            System.setProperty("log4j2.configurationFile", "dev/footfall/gateway/log4j2-gateway.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        GatewayConfig config = GatewayConfig.load();
        IngestGateway gateway = IngestGateway.start(config);
        LOG.info("Footfall gateway listening on {} (topic {} at {}, {} sites)", gateway.url(), config.rawTopic(),
                config.kafkaBootstrap(), config.sites().all().size());
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "footfall-gateway-shutdown"));
        gateway.server().join();
    }

    /**
     * Builds a server, not yet started. Starting it connects to Kafka (waiting a few seconds for
     * the topic's metadata, not failing if Kafka is down) and then opens the HTTP port; stopping
     * it stops taking requests, lets those in flight finish, then flushes and closes the producer.
     */
    public static Server newServer(GatewayConfig config) {
        QueuedThreadPool threads = new QueuedThreadPool(config.httpMaxThreads(), Math.min(8, config.httpMaxThreads()));
        threads.setName("footfall-http");
        Server server = new Server(threads);

        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration()));
        connector.setHost(config.httpHost());
        connector.setPort(config.httpPort());
        connector.setIdleTimeout(config.httpIdleTimeout().toMillis());
        server.addConnector(connector);

        GatewayMetrics metrics = new GatewayMetrics();
        server.addBean(metrics);
        metrics.bindServer(server);
        if (config.sites().isEmpty()) {
            LOG.warn("no sites are configured (sites.file / {}): every event will be refused",
                    GatewayConfig.envName("sites.file"));
        }
        KafkaSink sink = new KafkaSink(config, metrics);
        CookielessVisitorIds visitorIds = new CookielessVisitorIds(new DailySalts(config.saltDir(), Clock.systemUTC()));
        RateLimiter addressLimiter = new RateLimiter(config.addressRatePerSecond(), config.addressBurst(), System::nanoTime);
        RateLimiter writeKeyLimiter = new RateLimiter(config.writeKeyRatePerSecond(), config.writeKeyBurst(), System::nanoTime);
        Limits limits = new Limits(Limits.DEFAULTS.maxEventBytes(), config.maxRequestBytes(),
                Limits.DEFAULTS.maxNameLength(), Limits.DEFAULTS.maxIdLength(), Limits.DEFAULTS.maxProperties(),
                Limits.DEFAULTS.maxDepth(), Limits.DEFAULTS.maxFutureSkew(), Limits.DEFAULTS.maxEventAge());
        MessageIntake intake = new MessageIntake(config.sites(), new EventRules(limits), visitorIds,
                writeKeyLimiter, metrics, config.rawTopic());

        server.setHandler(new GracefulHandler(GatewayHandlers.create(server, config, config.sites(), intake, sink,
                new ClientAddressResolver(config.trustedProxies()), addressLimiter, metrics)));
        // Beans start before the connector opens and stop after it closed: Kafka is ready before
        // the first request, and the producer is flushed after the last one.
        server.addBean(new SinkLifeCycle(sink, Duration.ofSeconds(10)));
        server.addBean(new Housekeeping(addressLimiter, writeKeyLimiter));
        // The idle timeout restarts at every byte; these bound a slowloris head, and body, as a whole.
        server.addBean(new RequestDeadlines(connector, config.httpRequestHeadTimeout(), config.httpRequestTimeout(), metrics));
        server.setStopTimeout(config.kafkaDeadline().toMillis() + 2000);
        return server;
    }

    /** The gateway's HTTP settings; public so the benchmark's bare-Jetty floor runs with the same. */
    public static HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Pinned, not left to Jetty's default (RFC9110, which still takes a bare LF as a line end):
        // a gateway behind a proxy must not read a request's framing differently from the proxy
        // (request smuggling), so every leniency is off: CRLF only, no obs-fold, no whitespace
        // before a colon, one Content-Length, never Content-Length with Transfer-Encoding.
        http.setHttpCompliance(HttpCompliance.STRICT);
        return http;
    }

    /** Starts and stops the Kafka sink with the server. */
    private static final class SinkLifeCycle extends AbstractLifeCycle {
        private final KafkaSink sink;
        private final Duration metadataWait;

        SinkLifeCycle(KafkaSink sink, Duration metadataWait) {
            this.sink = sink;
            this.metadataWait = metadataWait;
        }

        @Override
        protected void doStart() {
            sink.start(metadataWait);
        }

        @Override
        protected void doStop() {
            sink.close();
        }
    }

    /** Drops idle rate-limit buckets now and then. */
    private static final class Housekeeping extends AbstractLifeCycle {
        private final RateLimiter[] limiters;
        private ScheduledExecutorService timer;

        Housekeeping(RateLimiter... limiters) {
            this.limiters = limiters;
        }

        @Override
        protected void doStart() {
            timer = Timers.daemon("footfall-housekeeping");
            timer.scheduleWithFixedDelay(() -> {
                for (RateLimiter limiter : limiters) {
                    limiter.evictIdle();
                }
            }, 30, 30, TimeUnit.SECONDS);
        }

        @Override
        protected void doStop() {
            timer.shutdownNow();
        }
    }
}
