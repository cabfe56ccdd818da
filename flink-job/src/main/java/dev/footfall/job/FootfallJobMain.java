package dev.footfall.job;

import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's entry point ({@code ./footfall submit}, or {@code flink run}): reads the parameters
 * (flags, then {@code FOOTFALL_*} environment variables, then defaults; {@code --help} lists them),
 * wires the real Kafka source and OpenSearch sinks and runs the job.
 *
 * <p>A bad parameter is thrown, never passed to {@code System.exit}: when the job is submitted
 * through Flink's REST API or web UI, this {@code main} runs inside the JobManager, and an exit
 * would stop the JobManager and every job on it. Thrown, it reaches the submitter as the answer
 * to its request ({@code RealClusterITCase}).
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
        JobSettings settings = settings(args, System.getenv());
        LOG.info("Starting Footfall with {}", settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobEnvironment.configure(env, settings);
        FootfallJob.forSettings(settings).execute(env);
    }

    /**
     * The settings, or an {@link IllegalArgumentException} whose message names the flag or
     * variable that is wrong and says how to list them all.
     */
    static JobSettings settings(String[] args, Map<String, String> environment) {
        try {
            return JobSettings.fromArgs(args, environment);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Footfall job: " + e.getMessage()
                    + (e.getMessage().contains("\n") ? "" : " (--help lists every parameter)"), e);
        }
    }
}
