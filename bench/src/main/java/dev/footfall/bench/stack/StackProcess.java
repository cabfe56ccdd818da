package dev.footfall.bench.stack;

import dev.footfall.bench.gateway.BenchGatewayConfig;
import dev.footfall.bench.process.Args;
import dev.footfall.bench.process.ChildChannel;
import dev.footfall.bench.process.GcWatcher;
import dev.footfall.bench.process.JvmSampler;
import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.embedded.EmbeddedKafka;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.embedded.LoopbackPorts;
import dev.footfall.gateway.IngestGateway;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.job.FootfallJob;
import dev.footfall.job.JobEnvironment;
import dev.footfall.job.JobSettings;
import dev.footfall.job.enrich.UserAgentClassifier;
import dev.footfall.job.sink.OpenSearchConnection;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole local stack in one JVM, as the local mode runs it: Kafka, OpenSearch with
 * Footfall's index templates, the Flink job in a MiniCluster with its production settings, and
 * the gateway. Freshness, memory, capacity and the soak all measure through it.
 *
 * <p>Arguments: {@code --parallelism}, {@code --salt-dir}, {@code --checkpoint-dir}, the job's
 * state lifetimes ({@code --dedup-ttl-seconds}, {@code --session-gap-seconds},
 * {@code --allowed-lateness-seconds}; production's by default), {@code --flink.KEY VALUE}, and
 * {@code --watch}: {@code window} (default) answers "reset", "stats" and "idle-stats" from a
 * {@link JvmSampler}; {@code intervals} answers the soak's "sample" and "sample-live" from a
 * {@link GcWatcher}.
 */
public final class StackProcess {

    public static final String RAW_TOPIC = "footfall.raw";
    static final String INVALID_TOPIC = "footfall.invalid";
    public static final String CONSUMER_GROUP = "footfall-job";

    private StackProcess() {
    }

    public static void main(String[] argv) {
        ChildChannel.open();
        long began = System.nanoTime();
        Args args = Args.parse(argv);
        EmbeddedKafka kafka;
        EmbeddedOpenSearch search;
        JobClient job;
        IngestGateway gateway;
        String restUrl;
        try {
            int parallelism = args.getInt("parallelism", 2);
            kafka = EmbeddedKafka.builder().build().start();
            // The partition counts of docker-compose.yml.
            kafka.createTopics(6, RAW_TOPIC);
            kafka.createTopics(2, INVALID_TOPIC);
            search = EmbeddedOpenSearch.builder().build().start();
            OpenSearchSetup.apply(new RestClient(Endpoint.of("OpenSearch", search.httpUrl())),
                    OpenSearchSetup.Settings.defaults());

            JobSettings settings = JobSettings.builder()
                    .kafkaBootstrap(kafka.bootstrapServers())
                    .rawTopic(RAW_TOPIC)
                    .invalidTopic(INVALID_TOPIC)
                    .consumerGroup(CONSUMER_GROUP)
                    .openSearch(OpenSearchConnection.of(search.httpUrl()))
                    .parallelism(parallelism)
                    .dedupTtl(Duration.ofSeconds(args.getLong("dedup-ttl-seconds", 86_400)))
                    .sessionGap(Duration.ofSeconds(args.getLong("session-gap-seconds", 1_800)))
                    .allowedLateness(Duration.ofSeconds(args.getLong("allowed-lateness-seconds", 3_600)))
                    // Durable checkpoints, as docker-compose configures them (see JobRunProcess).
                    .checkpointDir(Path.of(args.get("checkpoint-dir")).toUri().toString())
                    .build();
            // The MiniCluster's REST API on a free port: the soak reads checkpoint sizes from it.
            int restPort = LoopbackPorts.freePort();
            Configuration local = new Configuration();
            local.set(RestOptions.BIND_ADDRESS, LoopbackPorts.LOOPBACK);
            local.set(RestOptions.ADDRESS, LoopbackPorts.LOOPBACK);
            local.set(RestOptions.BIND_PORT, Integer.toString(restPort));
            local.set(RestOptions.PORT, restPort);
            restUrl = "http://" + LoopbackPorts.LOOPBACK + ":" + restPort;
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, local);
            JobEnvironment.configure(env, settings);
            env.configure(Configuration.fromMap(args.withPrefix("flink.")));
            FootfallJob.forSettings(settings).build(env);
            // The analyzer takes seconds to build; the local mode pays that once at start, not on the first events.
            UserAgentClassifier.shared();
            job = env.executeAsync(FootfallJob.JOB_NAME);
            awaitRunning(job, Duration.ofMinutes(2));

            gateway = IngestGateway.start(BenchGatewayConfig.of(kafka.bootstrapServers(), RAW_TOPIC,
                    Path.of(args.get("salt-dir"))));
        } catch (Throwable e) {
            ChildChannel.fail(e);
            System.exit(1);
            return;
        }
        JobClient running = job;
        ChildChannel.Commands commands = "intervals".equals(args.get("watch", "window"))
                ? intervals(running) : window(running);
        ChildChannel.send(ChildChannel.message("ready")
                .put("gatewayUrl", gateway.url())
                .put("openSearchUrl", search.httpUrl())
                .put("kafkaBootstrap", kafka.bootstrapServers())
                .put("flinkRestUrl", restUrl)
                .put("jobId", job.getJobID().toString())
                .put("consumerGroup", CONSUMER_GROUP)
                .put("rawTopic", RAW_TOPIC)
                .put("startupSeconds", (System.nanoTime() - began) / 1e9));
        ChildChannel.serve(commands);
        gateway.close();
        job.cancel();
        search.close();
        kafka.close();
        System.exit(0);
    }

    /** Measurement windows: freshness, memory and capacity reset the window, then read it. */
    private static ChildChannel.Commands window(JobClient job) {
        JvmSampler sampler = new JvmSampler().start();
        return command -> {
            switch (command) {
                case "reset" -> {
                    sampler.reset();
                    ChildChannel.send(ChildChannel.message("reset"));
                }
                case "stats" -> ChildChannel.send(sampler.snapshot("stats")
                        .put("jobStatus", job.getJobStatus().get().name()));
                case "idle-stats" -> {
                    // Only before the load: a full collection, so the idle heap is what is live.
                    System.gc();
                    long live = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    ChildChannel.send(sampler.snapshot("idle-stats").put("heapAfterFullGcBytes", live)
                            .put("jobStatus", job.getJobStatus().get().name()));
                }
                default -> throw new IllegalArgumentException("unknown command");
            }
        };
    }

    /** The soak's intervals, each reported since the previous one; the first starts when the stack is ready. */
    private static ChildChannel.Commands intervals(JobClient job) {
        GcWatcher watcher = new GcWatcher().start();
        watcher.interval(ChildChannel.message("discarded"), false);
        return command -> {
            switch (command) {
                case "sample", "sample-live" -> ChildChannel.send(
                        watcher.interval(ChildChannel.message(command), command.equals("sample-live"))
                                .put("jobStatus", job.getJobStatus().get().name()));
                default -> throw new IllegalArgumentException("unknown command");
            }
        };
    }

    /** Ready means the job runs: events sent before would only queue up and distort the first measurements. */
    private static void awaitRunning(JobClient job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job is not running after " + timeout.toSeconds() + " s: "
                        + job.getJobStatus().get());
            }
            Thread.sleep(100); // a poll interval: the job status or the deadline ends the wait
        }
    }
}
