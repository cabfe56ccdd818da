package dev.footfall.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.footfall.dashboards.SetupCommand;
import dev.footfall.console.ConsoleConfig;
import dev.footfall.definitions.cli.DefinitionsCommand;
import dev.footfall.gateway.GatewayConfig;
import dev.footfall.index.IndexFamily;
import dev.footfall.job.JobSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine here, so the compose file is checked the way Docker would read it:
 * Debian's {@code docker-compose config} validates and resolves it, and the resolved model is
 * checked for what production needs (pinned images, health checks, ordered start-up, secrets
 * from the environment, security on).
 */
class DockerComposeConfigTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PASSWORD = "Compose-Test-Passw0rd!";
    private static JsonNode services;
    private static JsonNode resolved;

    record Result(int exit, String out, String err) {
    }

    static Result compose(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", ROOT.toString(),
                "-f", ROOT.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().remove("OPENSEARCH_ADMIN_PASSWORD");
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void resolve() throws Exception {
        Result result = compose(Map.of("OPENSEARCH_ADMIN_PASSWORD", PASSWORD), "config");
        assertThat(result.exit()).as(result.err()).isZero();
        resolved = new ObjectMapper(new YAMLFactory()).readTree(result.out());
        services = resolved.get("services");
    }

    @Test
    void runsEveryPartOfThePipeline() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("kafka", "kafka-topics", "opensearch", "opensearch-dashboards",
                "setup", "jobmanager", "taskmanager", "submit", "footfall", "gateway", "console");
    }

    @Test
    void pinsEveryImageVersion() {
        services.fields().forEachRemaining(service -> {
            String image = service.getValue().path("image").asText();
            assertThat(image).as("image of %s", service.getKey()).matches(".+:[0-9][^:]*").doesNotEndWith(":latest");
        });
        assertThat(services.at("/opensearch/image").asText()).startsWith("opensearchproject/opensearch:2.19.");
        assertThat(services.at("/opensearch-dashboards/image").asText())
                .startsWith("opensearchproject/opensearch-dashboards:2.19.");
        assertThat(services.at("/kafka/image").asText()).startsWith("apache/kafka:3.9.");
        assertThat(services.at("/setup/build/target").asText()).isEqualTo("footfall");
        for (String footfall : List.of("submit", "footfall", "gateway", "console")) {
            assertThat(services.at("/" + footfall + "/image").asText()).as(footfall)
                    .isEqualTo(services.at("/setup/image").asText());
        }
    }

    @Test
    void runsFlinkAtThePatchVersionTheJobIsCompiledAgainstWithItsCurrentKeys() throws Exception {
        // The root pom's one Flink version, e.g. <flink.version>1.20.5</flink.version>.
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("<flink\\.version>([^<]+)</flink\\.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(version.find()).isTrue();
        for (String node : List.of("jobmanager", "taskmanager")) {
            assertThat(services.at("/" + node + "/image").asText()).as(node)
                    .isEqualTo("flink:" + version.group(1) + "-scala_2.12-java17");
            String properties = services.at("/" + node + "/environment/FLINK_PROPERTIES").asText();
            assertThat(properties).contains("execution.checkpointing.dir: file:///flink-checkpoints")
                    .doesNotContain("state.checkpoints.dir").doesNotContain("state.savepoints.dir");
        }
        // A session cluster: the job comes through `footfall submit`, which checks its settings
        // before anything reaches the JobManager (a bad value never stops it).
        assertThat(services.at("/jobmanager/command").toString()).contains("jobmanager").doesNotContain("standalone-job");
        assertThat(services.at("/submit/command").toString()).contains("submit").contains("--unless-running");
        assertThat(services.at("/submit/environment/FOOTFALL_FLINK_URL").asText()).isEqualTo("http://jobmanager:8081");
        assertThat(services.at("/submit/environment/FOOTFALL_OPENSEARCH_PASSWORD").isMissingNode())
                .as("the password is no job argument: the JobManager has it").isTrue();
        assertThat(services.at("/jobmanager/environment/FOOTFALL_OPENSEARCH_PASSWORD").asText()).isEqualTo(PASSWORD);
    }

    @Test
    void offersReportAndEraseAsACliService() {
        assertThat(services.at("/footfall/profiles").toString()).contains("cli");
        assertThat(services.at("/footfall/environment/FOOTFALL_OPENSEARCH_URL").asText()).startsWith("https://");
        assertThat(services.at("/footfall/environment/FOOTFALL_OPENSEARCH_PASSWORD").asText()).isEqualTo(PASSWORD);
    }

    @Test
    void longRunningServicesHaveHealthChecksAndStartInOrder() {
        for (String name : List.of("kafka", "opensearch", "opensearch-dashboards", "jobmanager", "gateway", "console")) {
            assertThat(services.path(name).path("healthcheck").path("test").isMissingNode())
                    .as("%s has a health check", name).isFalse();
        }
        assertThat(services.at("/opensearch-dashboards/depends_on/opensearch/condition").asText()).isEqualTo("service_healthy");
        assertThat(services.at("/setup/depends_on/opensearch/condition").asText()).isEqualTo("service_healthy");
        assertThat(services.at("/setup/depends_on/opensearch-dashboards/condition").asText()).isEqualTo("service_healthy");
        assertThat(services.at("/submit/depends_on/setup/condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(services.at("/submit/depends_on/kafka-topics/condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(services.at("/taskmanager/depends_on/jobmanager/condition").asText()).isEqualTo("service_healthy");
        assertThat(services.at("/gateway/depends_on/kafka-topics/condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(services.at("/console/depends_on/setup/condition").asText()).isEqualTo("service_completed_successfully");
        // The definitions are applied by the setup, to a topic that exists, before the job starts.
        assertThat(services.at("/setup/depends_on/kafka-topics/condition").asText()).isEqualTo("service_completed_successfully");
    }

    @Test
    void createsTheCompactedDefinitionsTopicAndAppliesAGivenDefinitionsFileAtSetup() throws Exception {
        assertThat(services.at("/kafka-topics/command").toString())
                .contains("--topic footfall.definitions --partitions 1 --replication-factor 1 --config cleanup.policy=compact");
        assertThat(services.at("/setup/environment/FOOTFALL_DEFINITIONS_FILE").asText())
                .isEqualTo("/etc/footfall/definitions.json");
        assertThat(services.at("/setup/volumes").toString()).contains("/dev/null", "/etc/footfall/definitions.json");

        Result given = compose(Map.of("OPENSEARCH_ADMIN_PASSWORD", PASSWORD, "FOOTFALL_DEFINITIONS_FILE",
                "/srv/goals.json"), "config");
        assertThat(given.exit()).as(given.err()).isZero();
        JsonNode setup = new ObjectMapper(new YAMLFactory()).readTree(given.out()).at("/services/setup");
        assertThat(setup.path("volumes").toString()).contains("/srv/goals.json").doesNotContain("/dev/null");
        // The image's own launcher: setup, then definitions apply only for a file that is not empty.
        // (Compose prints the file's "$$" escape as it is; the container's shell gets one "$".)
        assertThat(setup.path("entrypoint").toString()).contains("/opt/footfall/bin/footfall setup && if [ -s \\\"$",
                "FOOTFALL_DEFINITIONS_FILE\\\" ]; then exec /opt/footfall/bin/footfall definitions apply; fi");
    }

    @Test
    void keepsDataInNamedVolumes() {
        Set<String> volumes = Set.of("kafka-data", "opensearch-data", "flink-checkpoints", "gateway-salts");
        List<String> declared = new ArrayList<>();
        resolved.get("volumes").fieldNames().forEachRemaining(declared::add);
        assertThat(declared).containsAll(volumes);
    }

    @Test
    void securityIsOnAndTheAdminPasswordComesFromTheEnvironment() throws Exception {
        JsonNode env = services.at("/opensearch/environment");
        assertThat(env.path("plugins.security.disabled").asText("false")).isEqualTo("false");
        assertThat(env.path("OPENSEARCH_INITIAL_ADMIN_PASSWORD").asText()).isEqualTo(PASSWORD);
        assertThat(services.at("/submit/environment/FOOTFALL_OPENSEARCH_URL").asText()).startsWith("https://");
        assertThat(services.at("/setup/environment/FOOTFALL_OPENSEARCH_PASSWORD").asText()).isEqualTo(PASSWORD);

        Result withoutPassword = compose(Map.of(), "config", "-q");
        assertThat(withoutPassword.exit()).isNotZero();
        assertThat(withoutPassword.err()).contains("OPENSEARCH_ADMIN_PASSWORD");
    }

    @Test
    void noPasswordIsCommitted() throws Exception {
        String example = Files.readString(ROOT.resolve(".env.example"));
        assertThat(example).containsPattern("(?m)^OPENSEARCH_ADMIN_PASSWORD=$");
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        // Every *PASSWORD key takes its value from the environment: ${...}.
        assertThat(compose).doesNotContainPattern("(?im)^\\s*[a-z_.]*password[a-z_]*:\\s*(?!\\$\\{)\\S");
        assertThat(compose).doesNotContain(PASSWORD);
    }

    @Test
    void everyFootfallVariableIsOneItsServiceReads() {
        Set<String> gateway = new java.util.HashSet<>();
        GatewayConfig.reference().asMap().keySet().forEach(key -> gateway.add(GatewayConfig.envName(key)));
        String job = JobSettings.usage();
        // The raw annotation text: picocli's model only holds the interpolated default.
        Set<String> definitions = envDefaults(DefinitionsCommand.class);
        for (Class<?> subcommand : DefinitionsCommand.class.getDeclaredClasses()) {
            definitions.addAll(envDefaults(subcommand));
        }
        // The setup service runs the setup command, then definitions apply.
        Set<String> setup = envDefaults(SetupCommand.class);
        setup.addAll(definitions);
        for (IndexFamily family : IndexFamily.values()) {
            setup.add(SetupCommand.retentionEnv(family));
        }
        // submit reads the job's settings and its own (FOOTFALL_FLINK_URL, FOOTFALL_PARALLELISM, ...).
        String submit = job + new picocli.CommandLine(new dev.footfall.local.cli.SubmitCommand()).getUsageMessage()
                + "FOOTFALL_FLINK_URL FOOTFALL_SUBMIT_UNLESS_RUNNING";
        // The CLI service: report, erase, savepoint, stop, and definitions (whose backfill writes
        // with the job's settings).
        String cli = "FOOTFALL_OPENSEARCH_URL FOOTFALL_OPENSEARCH_USER FOOTFALL_OPENSEARCH_PASSWORD FOOTFALL_INSECURE "
                + "FOOTFALL_FLINK_URL " + definitions + job;
        Set<String> console = new java.util.HashSet<>();
        ConsoleConfig.defaults().asMap().keySet().forEach(key -> console.add(ConsoleConfig.envName(key)));
        Map<String, java.util.function.Predicate<String>> reads = Map.of(
                "gateway", gateway::contains,
                "console", console::contains,
                "jobmanager", name -> job.contains(name),
                "taskmanager", name -> job.contains(name),
                "submit", name -> submit.contains(name),
                "footfall", name -> cli.contains(name),
                "setup", setup::contains);
        reads.forEach((service, knows) -> services.path(service).path("environment").fieldNames().forEachRemaining(name -> {
            if (name.startsWith("FOOTFALL_")) {
                assertThat(knows.test(name)).as("%s reads %s", service, name).isTrue();
            }
        }));
    }

    /** The FOOTFALL_* variables a picocli command's options and parameters default to. */
    private static Set<String> envDefaults(Class<?> command) {
        Set<String> names = new java.util.HashSet<>();
        for (java.lang.reflect.Field field : command.getDeclaredFields()) {
            picocli.CommandLine.Option option = field.getAnnotation(picocli.CommandLine.Option.class);
            picocli.CommandLine.Parameters parameters = field.getAnnotation(picocli.CommandLine.Parameters.class);
            String defaultValue = option != null ? option.defaultValue()
                    : parameters != null ? parameters.defaultValue() : "";
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{env:([A-Z_]+)").matcher(defaultValue);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void exposesServicesOnlyWhereUsersNeedThem() {
        assertThat(services.at("/opensearch/ports").isMissingNode()).as("OpenSearch is not published").isTrue();
        assertThat(services.at("/kafka/ports").isMissingNode()).as("Kafka is not published").isTrue();
        assertThat(services.at("/gateway/ports").toString()).contains("8080");
        // Reading stats is private: the console is published on the host's loopback only.
        JsonNode consolePorts = services.at("/console/ports");
        assertThat(consolePorts).hasSize(1);
        assertThat(consolePorts.get(0).asText()).startsWith("127.0.0.1:8082:8082");
    }
}
