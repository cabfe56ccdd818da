package dev.footfall.bench.soak;

import dev.footfall.bench.gateway.BenchGatewayConfig;
import dev.footfall.bench.process.Args;
import dev.footfall.bench.process.ChildChannel;
import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.embedded.EmbeddedKafka;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.gateway.IngestGateway;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.job.FootfallJob;
import dev.footfall.job.JobEnvironment;
import dev.footfall.job.JobSettings;
import dev.footfall.job.enrich.UserAgentClassifier;
import dev.footfall.job.sink.OpenSearchConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole local stack in one JVM for the soak, as the freshness benchmark runs it (Kafka,
 * OpenSearch with the index templates, the job in a MiniCluster with its production settings,
 * the gateway), with two differences: the job's state lifetimes come from the soak's plan, and
 * the MiniCluster's REST API listens on a known port so the bench can read checkpoint sizes.
 * Answers {@code sample} and {@code sample-live} (the latter after a full collection) with what
 * {@link GcWatcher} saw since the last sample.
 */
public final class SoakStackProcess {

    static final String RAW_TOPIC = "footfall.raw";
    static final String INVALID_TOPIC = "footfall.invalid";
    static final String CONSUMER_GROUP = "footfall-job";

    private SoakStackProcess() {
    }

    public static void main(String[] argv) {
        ChildChannel.open();
        long began = System.nanoTime();
        EmbeddedKafka kafka;
        EmbeddedOpenSearch search;
        JobClient job;
        IngestGateway gateway;
        String restUrl;
        try {
            Args args = Args.parse(argv);
            int parallelism = args.getInt("parallelism", 2);
            kafka = EmbeddedKafka.builder().build().start();
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
                    .checkpointDir(Path.of(args.get("checkpoint-dir")).toUri().toString())
                    .build();
            int restPort = freePort();
            Configuration local = new Configuration();
            local.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            local.set(RestOptions.ADDRESS, "127.0.0.1");
            local.set(RestOptions.BIND_PORT, Integer.toString(restPort));
            local.set(RestOptions.PORT, restPort);
            restUrl = "http://127.0.0.1:" + restPort;
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, local);
            JobEnvironment.configure(env, settings);
            env.configure(Configuration.fromMap(args.withPrefix("flink.")));
            FootfallJob.forSettings(settings).build(env);
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
        GcWatcher watcher = new GcWatcher().start();
        watcher.interval(ChildChannel.message("discarded"), false);
        ChildChannel.send(ChildChannel.message("ready")
                .put("gatewayUrl", gateway.url())
                .put("openSearchUrl", search.httpUrl())
                .put("kafkaBootstrap", kafka.bootstrapServers())
                .put("flinkRestUrl", restUrl)
                .put("jobId", job.getJobID().toString())
                .put("consumerGroup", CONSUMER_GROUP)
                .put("rawTopic", RAW_TOPIC)
                .put("startupSeconds", (System.nanoTime() - began) / 1e9));
        JobClient running = job;
        ChildChannel.serve(command -> {
            switch (command) {
                case "sample", "sample-live" -> ChildChannel.send(
                        watcher.interval(ChildChannel.message(command), command.equals("sample-live"))
                                .put("jobStatus", running.getJobStatus().get().name()));
                default -> throw new IllegalArgumentException("unknown command");
            }
        });
        gateway.close();
        job.cancel();
        search.close();
        kafka.close();
        System.exit(0);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitRunning(JobClient job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job is not running after " + timeout.toSeconds() + " s: "
                        + job.getJobStatus().get());
            }
            Thread.sleep(100);
        }
    }
}
