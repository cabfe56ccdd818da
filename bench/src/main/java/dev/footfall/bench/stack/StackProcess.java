package dev.footfall.bench.stack;

import dev.footfall.bench.process.Args;
import dev.footfall.bench.process.ChildChannel;
import dev.footfall.bench.process.GcWatcher;
import dev.footfall.bench.process.JvmSampler;
import dev.footfall.bench.traffic.BenchSites;
import dev.footfall.job.enrich.UserAgentClassifier;
import dev.footfall.local.stack.LocalSettings;
import dev.footfall.local.stack.LocalStack;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * The local stack in a JVM of its own, started as {@code ./footfall up} starts it
 * ({@link LocalStack}: Kafka, OpenSearch with templates and retention, the Flink job on a
 * MiniCluster, the gateway, the console). Freshness, memory, capacity and the soak all measure
 * through it.
 *
 * <p>Arguments: {@code --data-dir}, {@code --env.FOOTFALL_X VALUE} for the stack's settings (as
 * {@code ./footfall up} reads them from its environment; see {@link #arguments}), and
 * {@code --watch}: {@code window} (default) answers "reset", "stats" and "idle-stats" from a
 * {@link JvmSampler}; {@code intervals} answers the soak's "sample" and "sample-live" from a
 * {@link GcWatcher}.
 */
public final class StackProcess {

    private StackProcess() {
    }

    /**
     * The child's arguments: its data directory, the stack's settings as {@code FOOTFALL_*}
     * variables, and extra Flink configuration for the job ({@code FOOTFALL_FLINK_PROPERTIES}).
     */
    public static List<String> arguments(Path dataDir, Map<String, String> settings, Map<String, String> flink) {
        Map<String, String> env = new TreeMap<>(settings);
        if (!flink.isEmpty()) {
            StringBuilder properties = new StringBuilder();
            flink.forEach((key, value) -> properties.append(key).append(": ").append(value).append('\n'));
            env.put("FOOTFALL_FLINK_PROPERTIES", properties.toString());
        }
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        env.forEach((key, value) -> args.addAll(List.of("--env." + key, value)));
        return args;
    }

    public static void main(String[] argv) {
        ChildChannel.open();
        long began = System.nanoTime();
        Args args = Args.parse(argv);
        LocalStack stack;
        try {
            Path data = Files.createDirectories(Path.of(args.get("data-dir")));
            Map<String, String> env = new TreeMap<>(args.withPrefix("env."));
            env.put("FOOTFALL_SITES_FILE", Files.writeString(data.resolve("bench-sites.json"), BenchSites.sitesJson())
                    .toString());
            // All load comes from one address and one write key, which the per-address limit of
            // 100 requests/s would otherwise turn into 429s.
            env.put("FOOTFALL_RATE_ADDRESS_PER_SECOND", "0");
            env.put("FOOTFALL_RATE_WRITEKEY_PER_SECOND", "0");
            // The analyzer takes seconds to build: built before "ready", the idle heap holds it
            // and the first events do not wait for it.
            UserAgentClassifier.shared();
            stack = LocalStack.start(LocalSettings.fromEnvironment(env).withDataDir(data).withPorts(0, 0, 0, 0, 0),
                    LoggerFactory.getLogger(StackProcess.class)::info);
        } catch (Throwable e) {
            ChildChannel.fail(e);
            System.exit(1);
            return;
        }
        ChildChannel.Commands commands = "intervals".equals(args.get("watch", "window"))
                ? intervals(stack) : window(stack);
        ChildChannel.send(ChildChannel.message("ready")
                .put("gatewayUrl", stack.gatewayUrl())
                .put("openSearchUrl", stack.openSearchUrl())
                .put("kafkaBootstrap", stack.kafkaBootstrap())
                .put("flinkRestUrl", stack.flinkUiUrl())
                .put("jobId", stack.flinkJobId())
                .put("consumerGroup", stack.settings().job().consumerGroup())
                .put("rawTopic", LocalStack.RAW_TOPIC)
                .put("startupSeconds", (System.nanoTime() - began) / 1e9));
        ChildChannel.serve(commands);
        stack.close();
        System.exit(0);
    }

    /** Measurement windows: freshness, memory and capacity reset the window, then read it. */
    private static ChildChannel.Commands window(LocalStack stack) {
        JvmSampler sampler = new JvmSampler().start();
        return command -> {
            switch (command) {
                case "reset" -> {
                    sampler.reset();
                    ChildChannel.send(ChildChannel.message("reset"));
                }
                case "stats" -> ChildChannel.send(sampler.snapshot("stats").put("jobStatus", stack.flinkJobStatus()));
                case "idle-stats" -> {
                    // Only before the load: a full collection, so the idle heap is what is live.
                    System.gc();
                    long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    ChildChannel.send(sampler.snapshot("idle-stats").put("heapAfterFullGcBytes", live)
                            .put("jobStatus", stack.flinkJobStatus()));
                }
                default -> throw new IllegalArgumentException("unknown command");
            }
        };
    }

    /** The soak's intervals, each reported since the previous one; the first starts when the stack is ready. */
    private static ChildChannel.Commands intervals(LocalStack stack) {
        GcWatcher watcher = new GcWatcher().start();
        watcher.interval(ChildChannel.message("discarded"), false);
        return command -> {
            switch (command) {
                case "sample", "sample-live" -> ChildChannel.send(
                        watcher.interval(ChildChannel.message(command), command.equals("sample-live"))
                                .put("jobStatus", stack.flinkJobStatus()));
                default -> throw new IllegalArgumentException("unknown command");
            }
        };
    }
}
