package dev.footfall.local.cli;

import dev.footfall.job.FootfallJob;
import dev.footfall.job.JobSettings;
import dev.footfall.local.cluster.FlinkRestClient;
import dev.footfall.local.cluster.FlinkRestClient.FlinkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.ConfigOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * Uploads the job jar to a Flink cluster through its REST API and starts the job. The job's
 * settings (its flags, then {@code FOOTFALL_*} variables of this shell) are checked here, by the
 * job's own parser, before anything reaches the cluster; what was set is handed to the job as
 * flags. A password never is: job arguments are shown in Flink's web UI.
 */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start the Flink job on a Flink 1.20 cluster (upload the job jar through the REST API, then run it).",
                "Any other option is a job setting (./footfall submit --job-help lists them), e.g. "
                        + "--kafka-bootstrap kafka:9092 --opensearch-url https://opensearch:9200 --state-backend rocksdb.",
                "The OpenSearch password never travels as an argument (Flink's web UI shows those): set "
                        + "FOOTFALL_OPENSEARCH_PASSWORD in the cluster's environment, or pass --opensearch-password-file FILE "
                        + "(a path where the job runs)."})
public final class SubmitCommand implements Callable<Integer> {

    @Mixin
    FlinkOptions flink;

    @Option(names = "--parallelism", description = "The job's parallelism (default: $FOOTFALL_PARALLELISM, else the cluster's).")
    Integer parallelism;

    @Option(names = "--from-savepoint", description = "Start from this savepoint (or retained checkpoint), as after ./footfall stop.")
    String fromSavepoint;

    @Option(names = "--allow-non-restored-state",
            description = "With --from-savepoint: start even if some state in the savepoint belongs to no operator.")
    boolean allowNonRestoredState;

    @Option(names = "--job-jar", description = "The job jar (default: job/footfall-job.jar of this installation).")
    Path jobJar;

    @Option(names = "--unless-running", defaultValue = "${env:FOOTFALL_SUBMIT_UNLESS_RUNNING:-false}",
            description = "Do nothing if a Footfall job already runs on the cluster (for a deployment's one-shot submit step).")
    boolean unlessRunning;

    @Option(names = "--job-help", description = "List the job's settings and exit.")
    boolean jobHelp;

    @Unmatched
    List<String> jobArgs = new ArrayList<>();

    @Override
    public Integer call() {
        if (jobHelp) {
            System.out.println(JobSettings.usage());
            return 0;
        }
        List<String> args;
        Integer jobParallelism;
        Path jar;
        try {
            JobSettings settings = checkedSettings(jobArgs, System.getenv());
            if (parallelism != null) {
                settings = settings.toBuilder().parallelism(parallelism).build();
            }
            args = settings.toArgs();
            jobParallelism = settings.parallelism();
            jar = jobJar != null ? jobJar : Installation.jobJar();
            if (!Files.isReadable(jar)) {
                throw new IllegalArgumentException("the job jar " + jar + " is not readable (--job-jar FILE)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("footfall submit: " + e.getMessage());
            System.err.println("  (nothing was sent to the cluster; ./footfall submit --job-help lists the job's settings)");
            return 2;
        }
        try {
            FlinkRestClient client = flink.client();
            if (unlessRunning) {
                List<String> running = RunningJobOptions.running(client, FootfallJob.JOB_NAME).stream()
                        .map(FlinkRestClient.Job::id).toList();
                if (!running.isEmpty()) {
                    System.out.println("Footfall already runs on " + client.url() + " (job " + running.get(0) + "); nothing submitted");
                    System.out.println(running.get(0));
                    return 0;
                }
            }
            String jarId = client.uploadJar(jar);
            String jobId;
            try {
                jobId = client.runJar(jarId, FootfallJob.MAIN_CLASS, args, jobParallelism, fromSavepoint,
                        allowNonRestoredState);
            } finally {
                client.deleteJar(jarId);
            }
            System.out.println("Submitted job " + jobId + " to " + client.url()
                    + (fromSavepoint == null ? "" : " from savepoint " + fromSavepoint));
            System.out.println(jobId);
            return 0;
        } catch (FlinkException | IllegalArgumentException e) {
            System.err.println("footfall submit: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            System.err.println("footfall submit: cannot read the job jar " + jar + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * The job's settings from the flags and this shell's {@code FOOTFALL_*} variables, checked by the
     * job's own parser. A password is never handed on (Flink's web UI shows job arguments): as a
     * flag it is refused, and one in this shell's environment stays here ({@link JobSettings#toArgs}
     * leaves secrets out). A user without a password or password file here is accepted: the job
     * then reads {@code FOOTFALL_OPENSEARCH_PASSWORD} from the JobManager's environment (and
     * refuses to start without it).
     *
     * @throws IllegalArgumentException naming the flag or variable that is wrong
     */
    static JobSettings checkedSettings(List<String> flags, Map<String, String> shell) {
        String passwordFlag = JobSettings.flag(JobSettings.OPENSEARCH_PASSWORD);
        for (String flag : flags) {
            if (flag.equals(passwordFlag) || flag.startsWith(passwordFlag + "=")) {
                throw new IllegalArgumentException(passwordFlag + " would be shown in Flink's web UI as a job argument: "
                        + "set " + JobSettings.envName(JobSettings.OPENSEARCH_PASSWORD) + " in the JobManager's environment, "
                        + "or give " + JobSettings.flag(JobSettings.OPENSEARCH_PASSWORD_FILE) + " FILE (readable where the job runs)");
            }
        }
        Map<String, String> environment = new HashMap<>(shell);
        environment.remove(JobSettings.envName(JobSettings.OPENSEARCH_PASSWORD));
        if (given(JobSettings.OPENSEARCH_USER, flags, environment)
                && !given(JobSettings.OPENSEARCH_PASSWORD_FILE, flags, environment)) {
            // The JobManager holds the password: check everything else with a stand-in for it.
            environment.put(JobSettings.envName(JobSettings.OPENSEARCH_PASSWORD), "held-by-the-jobmanager");
        }
        return JobSettings.fromArgs(flags.toArray(String[]::new), environment);
    }

    private static boolean given(ConfigOption<?> option, List<String> flags, Map<String, String> environment) {
        String flag = JobSettings.flag(option);
        String variable = environment.get(JobSettings.envName(option));
        return flags.stream().anyMatch(f -> f.equals(flag) || f.startsWith(flag + "="))
                || variable != null && !variable.isBlank();
    }
}
