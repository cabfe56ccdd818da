package dev.footfall.sdkcompat;

import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;

/** Serves a directory on 127.0.0.1 from a port of its own: a site on another origin than the gateway's. */
final class PageServer implements AutoCloseable {

    private final Server server = new Server();

    PageServer(Path root) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newResource(root.toAbsolutePath()));
        files.setDirAllowed(false);
        files.setCacheControl("no-cache");
        server.setHandler(files);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the page server did not start", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    String origin() {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
