package dev.footfall.local;

import static dev.footfall.local.PipelineDocuments.EVENTS;
import static dev.footfall.local.PipelineDocuments.FUNNELS;
import static dev.footfall.local.PipelineDocuments.GOALS;
import static dev.footfall.local.PipelineDocuments.funnelAttempt;
import static dev.footfall.local.PipelineDocuments.goal;
import static dev.footfall.local.PipelineDocuments.INVALID;
import static dev.footfall.local.PipelineDocuments.SESSIONS;
import static dev.footfall.local.PipelineDocuments.event;
import static dev.footfall.local.PipelineDocuments.invalid;
import static dev.footfall.local.PipelineDocuments.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
class ReportCommandITCase {

    private static final String DEFINITIONS = """
            {"goals": [{"site": "shop", "name": "Signup", "event": "Signed Up"},
                       {"site": "shop", "name": "Saw pricing", "page": "/pricing"}],
             "funnels": [{"site": "shop", "name": "Signup flow",
                          "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "Signed Up"}]}]}
            """;
    private static final String DEFINITIONS_TOPIC = "report.definitions";

    private static String url;
    private static String kafkaBootstrap;

    @BeforeAll
    static void indexFixture(EmbeddedOpenSearch node, OpenSearchTestClient client, KafkaTestClient kafka) throws Exception {
        url = node.httpUrl();
        kafkaBootstrap = kafka.bootstrapServers();
        Definitions definitions = Definitions.parse(DEFINITIONS);
        DefinitionsTopic topic = new DefinitionsTopic(kafkaBootstrap, DEFINITIONS_TOPIC);
        topic.ensureExists();
        topic.publish(definitions.bySite());
        PipelineDocuments.createIndices(node, client);
        client.bulkIndex(EVENTS, PipelineDocuments.aliceAndBob());
        client.bulkIndex(EVENTS, List.of(
                event("e6", "11:06:00", "a-2", null, "track", "Signed Up", "/", false),
                event("e7", "12:00:00", "b-1", null, "page", null, "/", true),
                event("e8", "23:30:00", "a-2", null, "page", null, "/late", false)));
        client.bulkIndex(SESSIONS, List.of(
                session("s1", "10:00:00", "a-1", "u-alice", 120, false, "google", false),
                session("s2", "11:00:00", "a-2", null, 360, false, "direct", false),
                session("s3", "11:30:00", "a-2", null, 0, true, "direct", false),
                session("s4", "12:00:00", "b-1", null, 0, true, "direct", true)));
        // What the job writes for the events above: a-1 converts both goals and completes the
        // funnel; a-2 signs up without seeing /pricing, so its attempt stops at step 1.
        client.bulkIndex(GOALS, List.of(
                goal("e2", "10:01:00", "a-1", null, "Saw pricing"),
                goal("e3", "10:02:00", "a-1", "u-alice", "Signup"),
                goal("e6", "11:06:00", "a-2", null, "Signup")));
        String funnelId = definitions.funnels().get(0).id();
        client.bulkIndex(FUNNELS, List.of(
                withFunnelId(funnelAttempt("10:00:00", "a-1", "Signup flow", 3), funnelId),
                withFunnelId(funnelAttempt("11:00:00", "a-2", "Signup flow", 1), funnelId),
                // An attempt of an earlier version of the funnel: not the current one, never counted.
                withFunnelId(funnelAttempt("11:30:00", "a-2", "Signup flow", 3), "0000000000000000")));
        client.bulkIndex(INVALID, List.of(
                invalid("10:00:00", "malformed_json", null),
                invalid("10:30:00", "malformed_json", null),
                invalid("11:00:00", "missing_event_name", "a-1")));
        client.refresh("footfall-*");
    }

    private static Map<String, Object> withFunnelId(Map<String, Object> attempt, String funnelId) {
        attempt.put("funnel_id", funnelId);
        return attempt;
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new FootfallCli()).execute(args);
            assertThat(exit).as("exit code of report %s", List.of(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReportTheNumbersAsJsonExcludingBotsAndOutOfRangeEvents() throws Exception {
        JsonNode report = new ObjectMapper().readTree(run("report", "--opensearch", url, "--json",
                "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-01T23:00:00Z"));

        assertThat(report.get("visitors").asLong()).isEqualTo(2);
        assertThat(report.get("pageviews").asLong()).isEqualTo(3);
        assertThat(report.get("sessions").asLong()).isEqualTo(3);
        assertThat(report.get("bounce_rate").asDouble()).isEqualTo(0.3333);
        assertThat(report.get("avg_session_seconds").asDouble()).isEqualTo(160.0);
        assertThat(report.get("top_pages").toString())
                .isEqualTo("[{\"path\":\"/\",\"pageviews\":2},{\"path\":\"/pricing\",\"pageviews\":1}]");
        assertThat(report.get("sources").toString())
                .isEqualTo("[{\"source\":\"direct\",\"sessions\":2},{\"source\":\"google\",\"sessions\":1}]");
        assertThat(report.get("events").toString()).isEqualTo("{\"Signed Up\":2,\"Added to Cart\":1}");
        assertThat(report.get("invalid").toString()).isEqualTo("{\"malformed_json\":2,\"missing_event_name\":1}");
        // Goals: Signup a-1 and a-2 (2 visitors, 2 events, 2 / 2 visitors = 100 %); Saw pricing
        // a-1 (1, 1, 1 / 2 = 50 %). No funnel unless asked for.
        assertThat(report.get("goals").toString()).isEqualTo("[{\"name\":\"Signup\",\"visitors\":2,\"events\":2,"
                + "\"conversion_rate\":100.0},{\"name\":\"Saw pricing\",\"visitors\":1,\"events\":1,\"conversion_rate\":50.0}]");
        assertThat(report.has("funnel")).isFalse();
    }

    @Test
    void aFunnelsStepsFromTheDefinitionsInForce() throws Exception {
        JsonNode report = new ObjectMapper().readTree(run("report", "--opensearch", url, "--json", "--site", "shop",
                "--funnel", "Signup flow", "--kafka", kafkaBootstrap, "--definitions-topic", DEFINITIONS_TOPIC,
                "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-01T23:00:00Z"));
        // Step 1: a-1 and a-2 = 2; steps 2 and 3: a-1 = 1 (a-2's other attempt is of an old funnel id).
        assertThat(report.get("funnel").toString()).isEqualTo("{\"name\":\"Signup flow\",\"steps\":["
                + "{\"name\":\"/\",\"visitors\":2},{\"name\":\"/pricing\",\"visitors\":1},"
                + "{\"name\":\"Signed Up\",\"visitors\":1}]}");
        String table = run("report", "--opensearch", url, "--site", "shop", "--funnel", "Signup flow",
                "--kafka", kafkaBootstrap, "--definitions-topic", DEFINITIONS_TOPIC,
                "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-01T23:00:00Z");
        assertThat(table).contains("Funnel: Signup flow").containsPattern("Signed Up +1\\n")
                .containsPattern("Saw pricing +1 +1 +50\\.00%");
    }

    @Test
    void anUnknownFunnelOrNoSiteIsRefusedWithTheReason() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int unknown;
        int noSite;
        try {
            unknown = new CommandLine(new FootfallCli()).execute("report", "--opensearch", url, "--site", "shop",
                    "--funnel", "Nope", "--kafka", kafkaBootstrap, "--definitions-topic", DEFINITIONS_TOPIC);
            noSite = new CommandLine(new FootfallCli()).execute("report", "--opensearch", url, "--funnel", "Nope");
        } finally {
            System.setErr(original);
        }
        assertThat(unknown).isEqualTo(2);
        assertThat(noSite).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("footfall report: --funnel: Unknown funnel `Nope` for site `shop` (its funnels: `Signup flow`).")
                .contains("footfall report: --funnel needs --site (funnels are defined per site)");
    }

    @Test
    void shouldFilterBySite() throws Exception {
        JsonNode report = new ObjectMapper().readTree(run("report", "--opensearch", url, "--json", "--site", "other",
                "--from", "2026-03-01", "--to", "2026-03-02"));
        assertThat(report.get("pageviews").asLong()).isZero();
        assertThat(report.get("sessions").asLong()).isZero();
        assertThat(report.get("bounce_rate").asDouble()).isZero();
    }

    @Test
    void shouldPrintAReadableTable() {
        String table = run("report", "--opensearch", url, "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-01T23:00:00Z");
        assertThat(table).contains("Visitors").contains("Bounce rate").contains("33.3%").contains("2m 40s")
                .contains("/pricing").contains("Signed Up").contains("malformed_json");
    }

    @Test
    void shouldExplainAnUnreachableOpenSearch() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new FootfallCli()).execute("report", "--opensearch", "http://127.0.0.1:1");
            assertThat(exit).isEqualTo(1);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unreachable").contains("./footfall up");
    }

    @Test
    void anUnreachableOpenSearchIsNamedWithWhatToDo() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new FootfallCli()).execute("report", "--opensearch", "http://127.0.0.1:" + closedPort);
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("OpenSearch at http://127.0.0.1:" + closedPort + " is unreachable",
                "is the pipeline running? start it with ./footfall up");
    }
}
