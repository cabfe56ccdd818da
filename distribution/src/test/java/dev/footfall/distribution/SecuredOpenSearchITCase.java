package dev.footfall.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.console.ConsoleConfig;
import dev.footfall.console.ConsoleServer;
import dev.footfall.console.OpenSearchAccess;
import dev.footfall.config.sites.Sites;
import dev.footfall.dashboards.SetupCommand;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.embedded.LoopbackPorts;
import dev.footfall.index.Fields;
import dev.footfall.index.IndexFamily;
import dev.footfall.job.FootfallJob;
import dev.footfall.job.JobEnvironment;
import dev.footfall.job.JobSettings;
import dev.footfall.job.sink.OpenSearchConnection;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import dev.footfall.testkit.nginx.TlsBasicAuthProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenSearch as docker-compose runs it, asking for TLS and a password: Debian's nginx in front of
 * the real node, with a certificate from a CA made for the test and basic auth. The setup command,
 * {@code report}, {@code erase}, {@code keys}, the console's Stats API and the job's sink all go
 * through it.
 */
@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredOpenSearchITCase {

    private static final String USER = "footfall";
    private static final String PASSWORD = "Right-Passw0rd-7731";
    private static final String WRONG = "Wrong-Passw0rd-4409";
    private static final String SITE = "secured-shop";
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TlsBasicAuthProxy proxy;
    private Path dir;

    @BeforeAll
    void startProxy(EmbeddedOpenSearch node) throws Exception {
        dir = Files.createDirectories(Path.of("target/secured-opensearch").toAbsolutePath());
        proxy = TlsBasicAuthProxy.builder().upstream(node.httpUrl()).user(USER, PASSWORD)
                .directory(dir.resolve("nginx")).build().start();
        Cli.Result setup = Cli.run(SetupCommand.commandLine(), "--opensearch-url", proxy.url(), "--opensearch-user", USER,
                "--opensearch-password", PASSWORD, "--ca-cert", proxy.caCertificate().toString(), "--skip-dashboards",
                "--wait", "30s");
        assertThat(setup.exit()).as(setup.toString()).isZero();
    }

    @AfterAll
    void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void shouldSetUpReportAndEraseWithTheRightPasswordAndTrustInTheCa(OpenSearchTestClient direct) {
        // The setup (in @BeforeAll) went through the proxy: the node behind it has the templates.
        assertThat(direct.request("GET", "/_index_template/" + IndexFamily.EVENTS.templateName(), null)
                .path("index_templates")).hasSize(1);

        Cli.Result report = Cli.run("report", "--opensearch", proxy.url(), "--user", USER, "--password", PASSWORD,
                "--ca-cert", proxy.caCertificate().toString(), "--json");
        assertThat(report.exit()).as(report.toString()).isZero();
        assertThat(report.out()).contains("\"visitors\"");

        Cli.Result erase = Cli.run("erase", "--anonymous-id", "nobody-at-all", "--opensearch", proxy.url(), "--user", USER,
                "--password", PASSWORD, "--ca-cert", proxy.caCertificate().toString());
        assertThat(erase.exit()).as(erase.toString()).isZero();
        assertThat(erase.out()).contains("Erased 0 documents");
    }

    @Test
    void shouldNameTheServerAndUserWhenThePasswordIsWrongAndNeverPrintIt() {
        for (Cli.Result result : List.of(
                Cli.run("report", "--opensearch", proxy.url(), "--user", USER, "--password", WRONG, "--ca-cert",
                        proxy.caCertificate().toString()),
                Cli.run("erase", "--user-id", "u-1", "--opensearch", proxy.url(), "--user", USER, "--password", WRONG,
                        "--ca-cert", proxy.caCertificate().toString()))) {
            assertThat(result.exit()).as(result.toString()).isEqualTo(1);
            assertThat(result.err()).as(result.toString()).contains(proxy.url()).contains("user '" + USER + "'")
                    .contains("401");
            assertThat(result.out() + result.err()).doesNotContain(WRONG).doesNotContain(PASSWORD);
        }
        // The setup command says the same on its own error stream (SetupCommandITCase checks the
        // text); here, through TLS and the proxy, its exit code: 4, credentials refused.
        Cli.Result setup = Cli.run(SetupCommand.commandLine(), "--opensearch-url", proxy.url(), "--opensearch-user", USER,
                "--opensearch-password", WRONG, "--ca-cert", proxy.caCertificate().toString(), "--skip-dashboards",
                "--wait", "10s");
        assertThat(setup.exit()).as(setup.toString()).isEqualTo(4);
    }

    @Test
    void shouldRefuseTheCertificateUnlessTrustIsConfigured() {
        Cli.Result untrusted = Cli.run("report", "--opensearch", proxy.url(), "--user", USER, "--password", PASSWORD);
        assertThat(untrusted.exit()).as(untrusted.toString()).isEqualTo(1);
        assertThat(untrusted.err()).contains(proxy.url()).contains("TLS handshake failed").contains("--ca-cert");

        // Exit code 3: OpenSearch unreachable (the TLS handshake failed).
        Cli.Result setup = Cli.run(SetupCommand.commandLine(), "--opensearch-url", proxy.url(), "--opensearch-user", USER,
                "--opensearch-password", PASSWORD, "--skip-dashboards", "--wait", "5s");
        assertThat(setup.exit()).as(setup.toString()).isEqualTo(3);
    }

    /**
     * The console reads OpenSearch through the same client: its API keys ({@code keys}) and the
     * Stats API work through TLS and basic auth with its CA setting; a wrong password is a 503
     * naming the server and the user, never the password.
     */
    @Test
    void shouldServeKeysAndTheStatsApiThroughTheProxy() throws Exception {
        Path sitesFile = dir.resolve("sites.json");
        Files.writeString(sitesFile, "{\"sites\":[{\"id\":\"" + SITE + "\",\"writeKeys\":[\"wk_secured_0001\"],"
                + "\"allowedOrigins\":[]}]}");
        Cli.Result created = Cli.run("keys", "create", "--site", SITE, "--sites-file", sitesFile.toString(),
                "--opensearch", proxy.url(), "--user", USER, "--password", PASSWORD, "--ca-cert",
                proxy.caCertificate().toString());
        assertThat(created.exit()).as(created.toString()).isZero();
        String key = created.lastLine();

        Cli.Result refused = Cli.run("keys", "list", "--opensearch", proxy.url(), "--user", USER, "--password", WRONG,
                "--ca-cert", proxy.caCertificate().toString());
        assertThat(refused.exit()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).contains(proxy.url()).contains("user '" + USER + "'").doesNotContain(WRONG);

        for (String password : List.of(PASSWORD, WRONG)) {
            ConsoleConfig config = ConsoleConfig.defaults().with("console.port", "0")
                    .with("opensearch.url", proxy.url()).with("opensearch.user", USER).with("opensearch.password", password)
                    .with("opensearch.ca.cert", proxy.caCertificate().toString()).with("sites.file", sitesFile.toString());
            try (ConsoleServer console = ConsoleServer.start(config, Sites.load(sitesFile), OpenSearchAccess.of(config),
                    Clock.systemUTC())) {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(console.url() + ConsoleServer.QUERY_ROUTE))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"site_id\":\"" + SITE
                                + "\",\"metrics\":[\"pageviews\"],\"date_range\":\"all\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (password.equals(PASSWORD)) {
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    assertThat(JSON.readTree(answer.body()).at("/results/0/metrics/0").isNumber()).as(answer.body()).isTrue();
                } else {
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                    assertThat(answer.body()).contains(proxy.url()).contains("user '" + USER + "'")
                            .doesNotContain(WRONG).doesNotContain(PASSWORD);
                }
            }
        }
    }

    /**
     * The job reads its password from a file where its sink runs. Wrong at first: every bulk is
     * refused, the job fails with a message naming the server and the user, and restarts from its
     * last checkpoint; once the file is right, the next restart writes every event, once.
     */
    @Test
    void shouldRetryThroughAWrongPasswordAndLoseNothingOnceItIsRight(KafkaTestClient kafka, OpenSearchTestClient direct)
            throws Exception {
        String topic = "secured.raw";
        kafka.createTopic(topic, 2);
        kafka.createTopic("secured.invalid", 1);
        Path passwordFile = dir.resolve("opensearch-password");
        Files.writeString(passwordFile, WRONG + "\n");
        JobSettings settings = JobSettings.builder()
                .kafkaBootstrap(kafka.bootstrapServers())
                .rawTopic(topic)
                .invalidTopic("secured.invalid")
                .consumerGroup("secured-test")
                .openSearch(OpenSearchConnection.of(proxy.url()).withPasswordFile(USER, passwordFile.toString())
                        .withCaCertificate(proxy.caCertificate().toString()))
                .checkpointInterval(Duration.ofSeconds(2))
                .checkpointDir(dir.resolve("checkpoints").toUri().toString())
                .parallelism(1)
                .build();
        int restPort = LoopbackPorts.freePort();
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, LoopbackPorts.LOOPBACK);
        conf.set(RestOptions.ADDRESS, LoopbackPorts.LOOPBACK);
        conf.set(RestOptions.PORT, restPort);
        String webUi = "http://" + LoopbackPorts.LOOPBACK + ":" + restPort;

        try (CapturedLogs logs = CapturedLogs.open()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            JobEnvironment.configure(env, settings);
            FootfallJob.forSettings(settings).build(env);
            JobClient job = env.executeAsync(FootfallJob.JOB_NAME);
            try {
                // 20 visitors x 1 page view each = 20 events; the first 5 are sent twice (retries).
                List<ProducerRecord<String, String>> records = new ArrayList<>();
                for (int v = 0; v < 20; v++) {
                    String page = RawPages.page(SITE, "visitor-" + v, "m-" + v, Instant.now().minusSeconds(60),
                            "https://secured.example/");
                    records.add(new ProducerRecord<>(topic, SITE + "/visitor-" + v, page));
                    if (v < 5) {
                        records.add(new ProducerRecord<>(topic, SITE + "/visitor-" + v, page));
                    }
                }
                kafka.produce(records);

                String jobId = job.getJobID().toString();
                await().atMost(DEADLINE).untilAsserted(() -> assertThat(get(webUi + "/jobs/" + jobId + "/exceptions")
                        .path("root-exception").asText()).contains("refused the credentials of user '" + USER + "'")
                        .contains(proxy.url()));
                assertThat(events(direct)).as("nothing gets past a wrong password").isZero();

                Files.writeString(passwordFile, PASSWORD + "\n");
                await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(events(direct)).isEqualTo(20));

                // Flink's web UI shows the job's configuration, plan and exceptions: never the password.
                for (String path : List.of("/jobs/" + jobId, "/jobs/" + jobId + "/config", "/jobs/" + jobId + "/plan",
                        "/jobs/" + jobId + "/exceptions", "/jobmanager/config")) {
                    assertThat(get(webUi + path).toString()).as(path).doesNotContain(PASSWORD).doesNotContain(WRONG);
                }
            } finally {
                job.cancel().get();
            }
            assertThat(logs.lines()).as("log lines captured").isNotEmpty();
            assertThat(logs.lines()).filteredOn(line -> line.contains(PASSWORD) || line.contains(WRONG)).isEmpty();
        }
        assertThat(events(direct)).isEqualTo(20);
    }

    private static long events(OpenSearchTestClient direct) {
        direct.refresh("footfall-*");
        return direct.count(IndexFamily.EVENTS.indexPattern(),
                "{\"query\":{\"term\":{\"" + Fields.SITE_ID + "\":\"" + SITE + "\"}}}");
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

}
