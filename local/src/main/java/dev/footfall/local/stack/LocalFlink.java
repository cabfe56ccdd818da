package dev.footfall.local.stack;

import dev.footfall.job.FootfallJob;
import dev.footfall.job.JobEnvironment;
import dev.footfall.job.JobSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink job on a local MiniCluster with the web UI. It resumes from the newest savepoint or
 * retained checkpoint in its state directory, and stops with a savepoint, so a restart neither
 * loses nor double-counts events.
 */
final class LocalFlink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFlink.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private final JobClient client;
    private final Path savepoints;
    private final Optional<Path> restoredFrom;

    private LocalFlink(JobClient client, Path savepoints, Optional<Path> restoredFrom) {
        this.client = client;
        this.savepoints = savepoints;
        this.restoredFrom = restoredFrom;
    }

    /**
     * Submits the job and returns once it runs: events sent before would only queue up. Directory
     * layout under {@code stateDir}: {@code checkpoints/}, {@code savepoints/}.
     *
     * @param flink extra Flink configuration, for the MiniCluster and over the job's own
     */
    static LocalFlink start(JobSettings.Builder job, Path stateDir, String host, int uiPort, Map<String, String> flink)
            throws Exception {
        Path checkpoints = Files.createDirectories(stateDir.resolve("checkpoints"));
        Path savepoints = Files.createDirectories(stateDir.resolve("savepoints"));
        JobSettings settings = job
                .checkpointDir(checkpoints.toAbsolutePath().toUri().toString())
                .build();

        Configuration extra = Configuration.fromMap(flink);
        Configuration conf = new Configuration(extra);
        conf.set(RestOptions.BIND_ADDRESS, host);
        conf.set(RestOptions.ADDRESS, host);
        conf.set(RestOptions.PORT, uiPort);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, settings.parallelism());
        Optional<Path> restore = newestRestorePoint(checkpoints, savepoints);
        restore.ifPresent(path -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString()));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        JobEnvironment.configure(env, settings);
        env.configure(extra);
        FootfallJob.forSettings(settings).build(env);
        JobClient client = env.executeAsync(FootfallJob.JOB_NAME);
        LocalFlink flinkJob = new LocalFlink(client, savepoints, restore);
        try {
            flinkJob.awaitRunning(START_TIMEOUT);
        } catch (Exception | Error e) {
            flinkJob.close();
            throw e;
        }
        return flinkJob;
    }

    private void awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Flink job is not running after " + timeout.toSeconds() + " s: "
                        + status());
            }
            Thread.sleep(100); // a poll interval: the job status or the deadline ends the wait
        }
    }

    JobStatus status() throws Exception {
        return client.getJobStatus().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    Optional<Path> restoredFrom() {
        return restoredFrom;
    }

    String jobId() {
        return client.getJobID().toString();
    }

    /** A savepoint or checkpoint is complete when its {@code _metadata} file exists. */
    static Optional<Path> newestRestorePoint(Path checkpoints, Path savepoints) throws IOException {
        try (Stream<Path> found = Stream.concat(walk(checkpoints), walk(savepoints))) {
            return found
                    .filter(p -> p.getFileName().toString().equals("_metadata"))
                    .max(Comparator.comparingLong(LocalFlink::lastModified))
                    .map(Path::getParent);
        }
    }

    private static Stream<Path> walk(Path dir) throws IOException {
        return Files.isDirectory(dir) ? Files.walk(dir, 3) : Stream.empty();
    }

    private static long lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Stops the job with a savepoint; if that fails, the last retained checkpoint is the fallback. */
    @Override
    public void close() {
        try {
            String path = client.stopWithSavepoint(false, savepoints.toAbsolutePath().toUri().toString(),
                    SavepointFormatType.CANONICAL).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("Flink job stopped with savepoint {}", path);
        } catch (Exception e) {
            LOG.warn("Could not stop the Flink job with a savepoint ({}); the next start resumes from the last checkpoint",
                    e.toString());
            try {
                client.cancel().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception cancel) {
                LOG.warn("Could not cancel the Flink job: {}", cancel.toString());
            }
        }
    }
}
