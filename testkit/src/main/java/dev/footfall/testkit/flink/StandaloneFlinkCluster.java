package dev.footfall.testkit.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.embedded.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Flink 1.20 session cluster as production runs one: a JobManager and TaskManagers, each its own
 * JVM, started from the jars a Flink distribution's {@code lib/} holds (module
 * {@code flink-cluster-lib} resolves them through Maven at build time and lists them in the
 * resource {@code dev/footfall/flinkcluster/classpath.txt}; a test module depends on it with an
 * exclusion of {@code *:*}). A job jar is never on that classpath: it is submitted through the REST
 * API and loaded child-first, as on a real cluster. The JVMs get the memory flags Flink's own
 * scripts would give them ({@code BashJavaUtils}) and the Java 17 module options of the
 * distribution's {@code config.yaml}.
 *
 * <pre>{@code
 * try (StandaloneFlinkCluster cluster = StandaloneFlinkCluster.builder()
 *         .directory(tempDir).taskManagers(2).slotsPerTaskManager(2)
 *         .environment(Map.of("FOOTFALL_OPENSEARCH_PASSWORD", password)).build().start()) {
 *     cluster.restUrl();           // http://127.0.0.1:port, for submitting jobs
 *     cluster.killTaskManager(0);  // kill -9
 * }
 * }</pre>
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    public static final String CLASSPATH_RESOURCE = "dev/footfall/flinkcluster/classpath.txt";
    private static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    /** Generous: on a busy 2-core machine three JVMs starting at once have taken over 90 s. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The {@code env.java.opts.all} of Flink 1.20's distribution: what its code needs opened on Java 17. */
    private static final List<String> JAVA_17_OPTIONS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Builder settings;
    private final Path confDir;
    private final String classpath;
    private final int restPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    private List<String> taskManagerJvm;
    private List<String> taskManagerDynamic;
    private int taskManagersStarted;

    private StandaloneFlinkCluster(Builder settings) {
        this.settings = settings;
        this.confDir = settings.directory.resolve("conf");
        this.classpath = readClasspath();
        this.restPort = LoopbackPorts.freePort();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the JobManager and the TaskManagers and waits until every slot is registered. */
    public StandaloneFlinkCluster start() {
        try {
            writeConfiguration();
            List<String> jmParams = bashJavaUtils("GET_JM_RESOURCE_PARAMS");
            List<String> jm = new ArrayList<>(split(jmParams.get(0)));
            jobManager = launch("jobmanager", jm, JOB_MANAGER_MAIN, split(jmParams.get(1)));
            List<String> tmParams = bashJavaUtils("GET_TM_RESOURCE_PARAMS");
            taskManagerJvm = split(tmParams.get(0));
            taskManagerDynamic = split(tmParams.get(1));
            for (int i = 0; i < settings.taskManagers; i++) {
                startTaskManager();
            }
            awaitSlots(settings.taskManagers * settings.slotsPerTaskManager, START_TIMEOUT);
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("could not start the Flink cluster in " + settings.directory, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The REST API and web UI: {@code http://127.0.0.1:port}. */
    public String restUrl() {
        return "http://" + LoopbackPorts.LOOPBACK + ":" + restPort;
    }

    /** The directory savepoints go to unless a request names another. */
    public Path savepointDir() {
        return settings.directory.resolve("savepoints");
    }

    /** Starts one more TaskManager (after a kill, or to grow the cluster). */
    public synchronized void startTaskManager() throws IOException {
        int index = taskManagersStarted++;
        taskManagers.add(launch("taskmanager-" + index, taskManagerJvm, TASK_MANAGER_MAIN, taskManagerDynamic));
    }

    /** {@code kill -9} of a running TaskManager: no shutdown hook, no goodbye to the JobManager. */
    public synchronized void killTaskManager(int index) throws InterruptedException {
        Process victim = taskManagers.get(index);
        victim.destroyForcibly();
        if (!victim.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("TaskManager " + index + " did not die within 30 s of SIGKILL");
        }
    }

    public boolean isJobManagerAlive() {
        return jobManager != null && jobManager.isAlive();
    }

    public synchronized long runningTaskManagers() {
        return taskManagers.stream().filter(Process::isAlive).count();
    }

    /** Waits until the JobManager knows this many slots (every TaskManager registered). */
    public void awaitSlots(int slots, Duration timeout) {
        await("the JobManager to register " + slots + " slots", timeout,
                overview -> overview.path("slots-total").asInt() == slots && overview.path("taskmanagers").asInt() > 0);
    }

    /** Waits until the JobManager counts this many free slots (a killed TaskManager's are gone). */
    public void awaitTotalSlots(int slots, Duration timeout) {
        await("the JobManager to count " + slots + " slots", timeout, overview -> overview.path("slots-total").asInt() == slots);
    }

    /** {@code GET /overview}: task managers, slots, and jobs by state. */
    public JsonNode overview() {
        return get("/overview");
    }

    /** A GET on the REST API, as JSON; fails with the status and body. */
    public JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(restUrl() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + restUrl() + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every log file the cluster's JVMs wrote (their log4j files and their standard output). */
    public List<Path> logFiles() throws IOException {
        try (Stream<Path> files = Files.list(settings.directory.resolve("log"))) {
            return files.sorted().toList();
        }
    }

    private void await(String what, Duration timeout, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!isJobManagerAlive()) {
                throw new IllegalStateException("the JobManager exited (" + jobManager.exitValue() + ") while waiting for "
                        + what + "; see " + settings.directory.resolve("log"));
            }
            try {
                JsonNode overview = overview();
                if (condition.test(overview)) {
                    return;
                }
                last = overview.toString();
            } catch (RuntimeException notYet) {
                last = notYet.getMessage();
            }
            try {
                Thread.sleep(200); // a poll interval: the condition, not the pause, ends the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what + " (last: "
                + last + "); logs in " + settings.directory.resolve("log"));
    }

    private void writeConfiguration() throws IOException {
        Path dir = settings.directory.toAbsolutePath();
        // A new cluster each start: logs, uploads and state of an earlier run would only mislead.
        for (String sub : List.of("conf", "log", "tmp", "upload", "checkpoints", "savepoints")) {
            deleteRecursively(dir.resolve(sub));
            Files.createDirectories(dir.resolve(sub));
        }
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("jobmanager.rpc.address", "localhost");
        conf.put("jobmanager.rpc.port", Integer.toString(LoopbackPorts.freePort()));
        conf.put("jobmanager.bind-host", "localhost");
        conf.put("jobmanager.memory.process.size", settings.jobManagerMemory);
        conf.put("taskmanager.bind-host", "localhost");
        conf.put("taskmanager.host", "localhost");
        conf.put("taskmanager.numberOfTaskSlots", Integer.toString(settings.slotsPerTaskManager));
        conf.put("taskmanager.memory.process.size", settings.taskManagerMemory);
        conf.put("rest.address", "localhost");
        conf.put("rest.bind-address", LoopbackPorts.LOOPBACK);
        conf.put("rest.port", Integer.toString(restPort));
        conf.put("blob.server.port", Integer.toString(LoopbackPorts.freePort()));
        conf.put("parallelism.default", "1");
        conf.put("io.tmp.dirs", dir.resolve("tmp").toString());
        conf.put("web.upload.dir", dir.resolve("upload").toString());
        conf.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        conf.put("execution.checkpointing.savepoint-dir", savepointDir().toAbsolutePath().toUri().toString());
        // A killed TaskManager is noticed within seconds, not after the default 50 s.
        conf.put("heartbeat.interval", "2000");
        conf.put("heartbeat.timeout", "10000");
        conf.putAll(settings.configuration);
        StringBuilder yaml = new StringBuilder("# Written by StandaloneFlinkCluster.\n");
        conf.forEach((key, value) -> yaml.append(key).append(": ").append(quote(value)).append('\n'));
        Files.writeString(confDir.resolve("config.yaml"), yaml.toString());
        Files.writeString(confDir.resolve("log4j.properties"), """
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = MainAppender
                appender.main.name = MainAppender
                appender.main.type = File
                appender.main.fileName = ${sys:log.file}
                appender.main.layout.type = PatternLayout
                appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n
                logger.kafka.name = org.apache.kafka
                logger.kafka.level = WARN
                """);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** What Flink's scripts compute before starting a JVM: its memory flags, then its dynamic settings. */
    private List<String> bashJavaUtils(String command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", classpath, BASH_JAVA_UTILS, command,
                "--configDir", confDir.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("BashJavaUtils " + command + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                String jvm = lines.get(i).substring("BASH_JAVA_UTILS_EXEC_RESULT:".length());
                String dynamic = i + 1 < lines.size() && lines.get(i + 1).startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")
                        ? lines.get(i + 1).substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()) : "";
                return List.of(jvm, dynamic);
            }
        }
        throw new IOException("BashJavaUtils " + command + " printed no result: " + out);
    }

    private Process launch(String name, List<String> jvm, String main, List<String> dynamic) throws IOException {
        Path logDir = settings.directory.toAbsolutePath().resolve("log");
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvm);
        cmd.addAll(JAVA_17_OPTIONS);
        cmd.add("-Dlog.file=" + logDir.resolve(name + ".log"));
        cmd.add("-Dlog4j.configurationFile=" + confDir.toAbsolutePath().resolve("log4j.properties").toUri());
        cmd.add("-Dlog4j2.configurationFile=" + confDir.toAbsolutePath().resolve("log4j.properties").toUri());
        cmd.addAll(List.of("-cp", classpath, main, "--configDir", confDir.toAbsolutePath().toString()));
        cmd.addAll(dynamic);
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".out").toFile());
        builder.environment().putAll(settings.environment);
        return builder.start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> split(String line) {
        return Arrays.stream(line.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    private static String readClasspath() {
        try (InputStream in = StandaloneFlinkCluster.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + CLASSPATH_RESOURCE + " on the classpath: depend on the module "
                        + "flink-cluster-lib (with an exclusion of *:*)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the TaskManagers, then the JobManager (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public synchronized void close() {
        List<Process> all = new ArrayList<>(taskManagers);
        if (jobManager != null) {
            all.add(jobManager);
        }
        for (Process process : all) {
            process.destroy();
        }
        for (Process process : all) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Settings; every one has a default that fits a 2-core test machine. */
    public static final class Builder {
        private Path directory;
        private int taskManagers = 1;
        private int slotsPerTaskManager = 2;
        private String jobManagerMemory = "1024m";
        private String taskManagerMemory = "1536m";
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, String> configuration = new LinkedHashMap<>();

        private Builder() {
        }

        /** Where configuration, logs, uploads, checkpoints and savepoints go. */
        public Builder directory(Path value) {
            this.directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        public Builder taskManagers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("at least one TaskManager, got " + value);
            }
            this.taskManagers = value;
            return this;
        }

        public Builder slotsPerTaskManager(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("at least one slot per TaskManager, got " + value);
            }
            this.slotsPerTaskManager = value;
            return this;
        }

        /** Environment variables of every JVM of the cluster (as a deployment would set them). */
        public Builder environment(Map<String, String> values) {
            this.environment.putAll(values);
            return this;
        }

        /** More {@code config.yaml} entries, over the defaults. */
        public Builder configuration(String key, String value) {
            this.configuration.put(key, value);
            return this;
        }

        public StandaloneFlinkCluster build() {
            if (directory == null) {
                throw new IllegalStateException("set a directory for the cluster's configuration, logs and state");
            }
            return new StandaloneFlinkCluster(this);
        }
    }
}
