package dev.footfall.job;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code flink run footfall-job-<version>-job.jar [--flag value ...]}: reads the parameters
 * (flags, then {@code FOOTFALL_*} environment variables, then defaults; {@code --help} lists
 * them), wires the real Kafka source and OpenSearch sinks and runs the job.
 */
public final class FootfallJobMain {

    private static final Logger LOG = LoggerFactory.getLogger(FootfallJobMain.class);

    private FootfallJobMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(JobSettings.usage());
            return;
        }
        JobSettings settings;
        try {
            settings = JobSettings.fromArgs(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("Starting Footfall with {}", settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobEnvironment.configure(env, settings);
        FootfallJob.forSettings(settings).execute(env);
    }
}
