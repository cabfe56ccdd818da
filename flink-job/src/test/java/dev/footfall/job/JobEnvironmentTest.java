package dev.footfall.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class JobEnvironmentTest {

    private static JobSettings settings(String checkpointDir) {
        return JobSettings.builder()
                .kafkaBootstrap("127.0.0.1:9092")
                .checkpointDir(checkpointDir)
                .build();
    }

    @Test
    void shouldNeverLeaveCheckpointsInTheJobManagersMemory() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        JobEnvironment.configure(env, settings(null));
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .startsWith("file:").contains("footfall-checkpoints");
    }

    @Test
    void shouldKeepTheDirectoryTheJobWasGiven() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        JobEnvironment.configure(env, settings("file:///var/lib/footfall/checkpoints"));
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("file:///var/lib/footfall/checkpoints");
    }

    @Test
    void shouldKeepTheClustersDirectory() {
        Configuration cluster = new Configuration();
        cluster.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "s3://bucket/checkpoints");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);
        JobEnvironment.configure(env, settings(null));
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://bucket/checkpoints");
    }
}
