package dev.footfall.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The release archive as a user gets it: unpacked in a directory outside any checkout and run with
 * Java 17 alone (the PATH holds java, bash and dirname, nothing else: no Maven, no checkout).
 * {@code bin/footfall up} starts the whole pipeline; an event sent to its gateway shows in
 * {@code bin/footfall report}; {@code bin/footfall definitions} applies and lists goals. Runs after
 * {@code package} (the archive must exist), in the {@code integration-test} phase of this module.
 */
class ArchiveIT {

    private static final Duration START_DEADLINE = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path outside;
    private Process up;

    @BeforeEach
    void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("footfall.archive", "target/footfall.tar.gz")).toAbsolutePath();
        assertThat(archive).as("the archive ('mvn package' builds it)").exists();
        // Outside the checkout: the system's temporary directory, not this module's target/.
        outside = Files.createTempDirectory(Path.of(System.getProperty("footfall.outside.dir", "/tmp")), "footfall-archive-");
        assertThat(run(outside, List.of("tar", "xzf", archive.toString()), Map.of("PATH", "/usr/bin:/bin")).exit())
                .isZero();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (up != null && up.isAlive()) {
            up.destroy();
            if (!up.waitFor(2, TimeUnit.MINUTES)) {
                up.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(outside)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void shouldStartThePipelineAndReportItsNumbersWithJavaAlone() throws Exception {
        Path home;
        try (Stream<Path> dirs = Files.list(outside)) {
            home = dirs.filter(p -> p.getFileName().toString().startsWith("footfall-")).findFirst().orElseThrow();
        }
        assertThat(home.resolve("job/footfall-job.jar")).exists();
        assertThat(home.resolve("conf/gateway/reference.properties")).exists();
        assertThat(home.resolve("definitions/index-templates/footfall-events.json")).exists();
        Path pathDir = javaAlone();
        Map<String, String> env = Map.of("PATH", pathDir.toString(), "HOME", outside.toString(),
                "FOOTFALL_JAVA_OPTS", "-Xmx1536m");
        Path work = Files.createDirectories(outside.resolve("work"));
        Path upLog = outside.resolve("up.log");

        ProcessBuilder upCommand = new ProcessBuilder(home.resolve("bin/footfall").toString(), "up", "--data-dir", work.resolve("data").toString(),
                "--http-port", "0", "--kafka-port", "0", "--opensearch-port", "0", "--flink-ui-port", "0",
                "--console-port", "0")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(upLog.toFile());
        upCommand.environment().clear();
        upCommand.environment().putAll(env);
        up = upCommand.start();
        await().atMost(START_DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(up.isAlive()).as("bin/footfall up is running: %s", Files.readString(upLog)).isTrue();
            return Files.readString(upLog).contains("Footfall is running.");
        });
        String printed = Files.readString(upLog);
        String gateway = field(printed, "Demo site\\s+(\\S+)/");
        String writeKey = field(printed, "Site / write key\\s+\\S+ / (\\S+)");
        String openSearch = field(printed, "OpenSearch\\s+(http\\S+)");
        String kafka = field(printed, "(?m)^\\s+Kafka\\s+(\\S+)$");

        // Goals and funnels from the same layout: the local site needs no sites file; list reads back
        // what apply put in force.
        Path definitions = work.resolve("definitions.json");
        Files.writeString(definitions, "{\"goals\": [{\"site\": \"local\", \"name\": \"Saw archive\", \"page\": \"/archive\"}]}");
        Result applied = run(work, List.of(home.resolve("bin/footfall").toString(), "definitions", "apply",
                definitions.toString(), "--kafka", kafka), env);
        assertThat(applied.exit()).as(applied.out()).isZero();
        assertThat(applied.out()).contains("+ goal Saw archive");
        Result listed = run(work, List.of(home.resolve("bin/footfall").toString(), "definitions", "list", "--kafka", kafka), env);
        assertThat(listed.exit()).as(listed.out()).isZero();
        assertThat(listed.out()).contains("Site local", "Saw archive");

        HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway + "/v1/page"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((writeKey + ":")
                        .getBytes(StandardCharsets.UTF_8)))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"anonymousId\":\"archive-visitor\",\"name\":\"Home\","
                        + "\"context\":{\"page\":{\"url\":\"http://localhost/archive\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        // One page view, acknowledged: the report shows it once it is indexed.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Result report = run(work, List.of(home.resolve("bin/footfall").toString(), "report", "--opensearch", openSearch,
                    "--json"), env);
            assertThat(report.exit()).as(report.out()).isZero();
            JsonNode numbers = JSON.readTree(report.out());
            assertThat(numbers.path("pageviews").asLong()).isEqualTo(1);
            assertThat(numbers.path("visitors").asLong()).isEqualTo(1);
        });

        up.destroy();
        assertThat(up.waitFor(2, TimeUnit.MINUTES)).as("up stops on SIGTERM").isTrue();
        assertThat(Files.readString(upLog)).contains("stopped. Data is kept in");
    }

    /** A PATH directory with java, bash and dirname only: what bin/footfall may use. */
    private Path javaAlone() throws IOException {
        Path dir = Files.createDirectories(outside.resolve("java-alone"));
        Files.createSymbolicLink(dir.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        for (String tool : List.of("bash", "dirname")) {
            Path real = Stream.of("/usr/bin/" + tool, "/bin/" + tool).map(Path::of).filter(Files::isExecutable)
                    .findFirst().orElseThrow();
            Files.createSymbolicLink(dir.resolve(tool), real);
        }
        return dir;
    }

    private static String field(String printed, String regex) {
        Matcher m = Pattern.compile(regex).matcher(printed);
        assertThat(m.find()).as("%s in:%n%s", regex, printed).isTrue();
        return m.group(1);
    }

    record Result(int exit, String out) {
    }

    private static Result run(Path dir, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), out);
    }
}
