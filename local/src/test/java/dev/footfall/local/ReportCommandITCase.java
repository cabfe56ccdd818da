package dev.footfall.local;

import static dev.footfall.local.PipelineDocuments.EVENTS;
import static dev.footfall.local.PipelineDocuments.INVALID;
import static dev.footfall.local.PipelineDocuments.SESSIONS;
import static dev.footfall.local.PipelineDocuments.event;
import static dev.footfall.local.PipelineDocuments.invalid;
import static dev.footfall.local.PipelineDocuments.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(OpenSearchExtension.class)
class ReportCommandITCase {

    private static String url;

    @BeforeAll
    static void indexFixture(EmbeddedOpenSearch node, OpenSearchTestClient client) {
        url = node.httpUrl();
        PipelineDocuments.createIndices(node, client);
        client.bulkIndex(EVENTS, List.of(
                event("e1", "10:00:00", "a-1", null, "page", null, "/", false),
                event("e2", "10:01:00", "a-1", null, "page", null, "/pricing", false),
                event("e3", "10:02:00", "a-1", "u-alice", "track", "Signed Up", "/pricing", false),
                event("e4", "11:00:00", "a-2", null, "page", null, "/", false),
                event("e5", "11:05:00", "a-2", null, "track", "Added to Cart", "/", false),
                event("e6", "11:06:00", "a-2", null, "track", "Signed Up", "/", false),
                event("e7", "12:00:00", "b-1", null, "page", null, "/", true),
                event("e8", "23:30:00", "a-2", null, "page", null, "/late", false)));
        client.bulkIndex(SESSIONS, List.of(
                session("s1", "10:00:00", "a-1", "u-alice", 120, false, "google", false),
                session("s2", "11:00:00", "a-2", null, 360, false, "direct", false),
                session("s3", "11:30:00", "a-2", null, 0, true, "direct", false),
                session("s4", "12:00:00", "b-1", null, 0, true, "direct", true)));
        client.bulkIndex(INVALID, List.of(
                invalid("10:00:00", "malformed_json", null),
                invalid("10:30:00", "malformed_json", null),
                invalid("11:00:00", "missing_event_name", "a-1")));
        client.refresh("footfall-*");
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
