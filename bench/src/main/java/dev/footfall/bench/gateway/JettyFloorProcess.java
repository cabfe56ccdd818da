package dev.footfall.bench.gateway;

import dev.footfall.bench.process.Args;
import dev.footfall.bench.process.ChildChannel;
import dev.footfall.bench.process.JvmSampler;
import dev.footfall.gateway.GatewayMain;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP floor: a bare Jetty 12 server configured as the gateway's (same thread pool, HTTP
 * configuration, connector and idle timeout, graceful handler), whose only handler reads the
 * body and answers 202. Runs in its own JVM with the gateway's heap, answering the bench's
 * "reset" and "stats" commands.
 */
public final class JettyFloorProcess {

    private JettyFloorProcess() {
    }

    public static void main(String[] argv) throws Exception {
        ChildChannel.open();
        Args args = Args.parse(argv);
        int maxThreads = args.getInt("threads", 64);
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        threads.setName("floor-http");
        Server server = new Server(threads);
        // The gateway's own HTTP settings (strict parsing included), not a copy of them.
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(GatewayMain.httpConfiguration()));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(args.getLong("idle-timeout-ms", 30_000));
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(new ReadAndAcceptHandler()));
        try {
            server.start();
        } catch (Exception e) {
            ChildChannel.fail(e);
            System.exit(1);
        }
        JvmSampler sampler = new JvmSampler().start();
        ChildChannel.send(ChildChannel.message("ready").put("url", "http://127.0.0.1:" + connector.getLocalPort()));
        ChildChannel.serve(command -> ServerCommands.answer(command, sampler));
        server.stop();
        System.exit(0);
    }
}
