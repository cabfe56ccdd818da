package dev.footfall.job;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the job runs, whatever runs it (a Flink cluster through {@code flink run}, or the local
 * launcher's MiniCluster): exactly-once checkpoints on by default, the chosen state backend, a
 * restart strategy with back-off, and no silent Kryo fallback for any type the job moves.
 */
public final class JobEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(JobEnvironment.class);

    private JobEnvironment() {
    }

    public static void configure(StreamExecutionEnvironment env, JobSettings settings) {
        Configuration conf = configuration(settings);
        if (settings.checkpointDir() == null
                && env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isEmpty()) {
            // Neither the job nor the cluster names a checkpoint directory. Flink would then keep
            // checkpoints in the JobManager's heap, which refuses state over 5 MB: the dedup state
            // passes that after some 50,000 events, and the job restarts from its first checkpoint
            // forever. A local directory works on one machine; clusters must set one (docs).
            String fallback = Path.of(System.getProperty("java.io.tmpdir"), "footfall-checkpoints").toUri().toString();
            LOG.warn("No checkpoint directory set (--checkpoint-dir / FOOTFALL_CHECKPOINT_DIR, or the cluster's "
                    + "execution.checkpointing.dir): using {}, which only works when the job runs on one machine", fallback);
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, fallback);
        }
        env.configure(conf);
        if (settings.parallelism() != null) {
            env.setParallelism(settings.parallelism());
        }
    }

    static Configuration configuration(JobSettings settings) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
        // Exactly-once (aligned) barriers: state never holds the effect of a record that a
        // restart will replay, so counts are not doubled after a failure.
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, settings.checkpointInterval().dividedBy(2));
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(10));
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 3);
        if (settings.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir());
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        conf.set(StateBackendOptions.STATE_BACKEND, settings.stateBackend().configName());
        if (settings.stateBackend() == JobSettings.StateBackend.ROCKSDB) {
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1));
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Chained operators hand records on without a defensive copy. Safe because every type that
        // moves between operators is an immutable Java record, and no function keeps or changes an
        // input after emitting it (state holds the functions' own objects).
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        return conf;
    }
}
