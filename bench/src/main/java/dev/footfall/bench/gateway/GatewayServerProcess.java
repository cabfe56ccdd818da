package dev.footfall.bench.gateway;

import dev.footfall.bench.process.Args;
import dev.footfall.bench.process.ChildChannel;
import dev.footfall.bench.process.JvmSampler;
import dev.footfall.gateway.IngestGateway;

/**
 * The ingest gateway under test, in its own JVM (its heap and CPU are then its own, not the
 * broker's or the load generator's), backed by the bench's Kafka broker.
 */
public final class GatewayServerProcess {

    private GatewayServerProcess() {
    }

    public static void main(String[] argv) {
        ChildChannel.open();
        IngestGateway gateway;
        try {
            Args args = Args.parse(argv);
            gateway = IngestGateway.start(BenchGatewayConfig.of(args.get("bootstrap"), args.get("topic"),
                    java.nio.file.Path.of(args.get("salt-dir"))).with(args.withPrefix("gateway.")));
        } catch (Throwable e) {
            ChildChannel.fail(e);
            System.exit(1);
            return;
        }
        JvmSampler sampler = new JvmSampler().start();
        ChildChannel.send(ChildChannel.message("ready").put("url", gateway.url()));
        ChildChannel.serve(command -> ServerCommands.answer(command, sampler));
        gateway.close();
        System.exit(0);
    }
}
