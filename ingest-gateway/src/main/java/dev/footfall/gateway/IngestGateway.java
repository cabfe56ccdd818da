package dev.footfall.gateway;

import dev.footfall.gateway.metrics.GatewayMetrics;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A running gateway, for the local launcher and for tests:
 *
 * <pre>{@code
 * try (IngestGateway gateway = IngestGateway.start(config.with("http.port", "0"))) {
 *     post(gateway.url() + "/v1/track", ...);
 * }
 * }</pre>
 */
public final class IngestGateway implements AutoCloseable {

    private final Server server;

    private IngestGateway(Server server) {
        this.server = server;
    }

    public static IngestGateway start(GatewayConfig config) {
        Server server = GatewayMain.newServer(config);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("the gateway did not start: " + e.getMessage(), e);
        }
        return new IngestGateway(server);
    }

    /** The port it listens on (the one chosen when configured with port 0). */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** {@code http://host:port}, with 127.0.0.1 standing in for a wildcard host. */
    public String url() {
        String host = ((ServerConnector) server.getConnectors()[0]).getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            host = "127.0.0.1";
        } else if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    public GatewayMetrics metrics() {
        return server.getBean(GatewayMetrics.class);
    }

    public Server server() {
        return server;
    }

    /** Stops taking requests, finishes those in flight, flushes the producer. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the gateway did not stop cleanly", e);
        }
    }
}
