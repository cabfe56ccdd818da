package dev.footfall.bench.freshness;

import dev.footfall.bench.gateway.BenchGatewayConfig;
import dev.footfall.bench.process.Args;
import dev.footfall.bench.process.ChildChannel;
import dev.footfall.bench.process.JvmSampler;
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
 * the gateway. The freshness benchmark sends through it; the memory benchmark reads its
 * resident memory ({@code /proc/self/status} VmRSS) idle and under load.
 */
public final class StackProcess {

    static final String RAW_TOPIC = "footfall.raw";
    static final String INVALID_TOPIC = "footfall.invalid";

    private StackProcess() {
    }

    /** Ready means the job runs: events sent before would only queue up and distort the first measurements. */
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

    public static void main(String[] argv) {
        ChildChannel.open();
        long began = System.nanoTime();
        EmbeddedKafka kafka = null;
        EmbeddedOpenSearch search = null;
        JobClient job = null;
        IngestGateway gateway = null;
        try {
            Args args = Args.parse(argv);
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
                    .openSearch(OpenSearchConnection.of(search.httpUrl()))
                    .parallelism(parallelism)
                    // Durable checkpoints, as docker-compose configures them (see JobRunProcess).
                    .checkpointDir(Path.of(args.get("checkpoint-dir")).toUri().toString())
                    .build();
            Configuration local = new Configuration();
            local.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            local.set(RestOptions.ADDRESS, "127.0.0.1");
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
        JvmSampler sampler = new JvmSampler().start();
        ChildChannel.send(ChildChannel.message("ready")
                .put("gatewayUrl", gateway.url())
                .put("openSearchUrl", search.httpUrl())
                .put("kafkaBootstrap", kafka.bootstrapServers())
                .put("jobId", job.getJobID().toString())
                .put("startupSeconds", (System.nanoTime() - began) / 1e9));
        JobClient running = job;
        ChildChannel.serve(command -> {
            switch (command) {
                case "reset" -> {
                    sampler.reset();
                    ChildChannel.send(ChildChannel.message("reset"));
                }
                case "stats" -> ChildChannel.send(sampler.snapshot("stats")
                        .put("jobStatus", running.getJobStatus().get().name()));
                case "idle-stats" -> {
                    // Only before the load: a full collection, so the idle heap is what is live.
                    System.gc();
                    long live = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    ChildChannel.send(sampler.snapshot("idle-stats").put("heapAfterFullGcBytes", live)
                            .put("jobStatus", running.getJobStatus().get().name()));
                }
                default -> throw new IllegalArgumentException("unknown command");
            }
        });
        gateway.close();
        job.cancel();
        search.close();
        kafka.close();
        System.exit(0);
    }
}
