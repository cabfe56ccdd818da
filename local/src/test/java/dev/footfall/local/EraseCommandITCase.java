package dev.footfall.local;

import static dev.footfall.local.PipelineDocuments.EVENTS;
import static dev.footfall.local.PipelineDocuments.FUNNELS;
import static dev.footfall.local.PipelineDocuments.GOALS;
import static dev.footfall.local.PipelineDocuments.INVALID;
import static dev.footfall.local.PipelineDocuments.SESSIONS;
import static dev.footfall.local.PipelineDocuments.funnelAttempt;
import static dev.footfall.local.PipelineDocuments.goal;
import static dev.footfall.local.PipelineDocuments.invalid;
import static dev.footfall.local.PipelineDocuments.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(OpenSearchExtension.class)
class EraseCommandITCase {

    private final EmbeddedOpenSearch node;
    private final String url;
    private final OpenSearchTestClient client;

    EraseCommandITCase(EmbeddedOpenSearch node, OpenSearchTestClient client) {
        this.node = node;
        this.url = node.httpUrl();
        this.client = client;
    }

    @BeforeEach
    void indexTwoPeople() {
        PipelineDocuments.createIndices(node, client);
        client.bulkIndex(EVENTS, PipelineDocuments.aliceAndBob());
        client.bulkIndex(SESSIONS, List.of(
                session("s1", "10:00:00", "a-1", "u-alice", 120, false, "google", false),
                session("s2", "11:00:00", "a-2", null, 300, false, "direct", false)));
        client.bulkIndex(INVALID, List.of(
                invalid("10:00:30", "missing_event_name", "a-1"),
                invalid("11:00:30", "malformed_json", "a-2")));
        client.bulkIndex(GOALS, List.of(
                goal("e3", "10:02:00", "a-1", "u-alice", "Signup"),
                goal("e5", "11:05:00", "a-2", null, "Cart")));
        client.bulkIndex(FUNNELS, List.of(
                funnelAttempt("10:00:00", "a-1", "Signup flow", 3),
                funnelAttempt("11:00:00", "a-2", "Signup flow", 1)));
        client.refresh("footfall-*");
    }

    private int erase(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "erase";
        all[1] = "--opensearch";
        all[2] = url;
        System.arraycopy(args, 0, all, 3, args.length);
        return new CommandLine(new FootfallCli()).execute(all);
    }

    @Test
    void erasingAUserAlsoErasesTheirAnonymousHistory() {
        assertThat(erase("--user-id", "u-alice")).isZero();

        assertThat(client.count(EVENTS, "{\"query\":{\"term\":{\"visitor_id\":\"a-1\"}}}")).isZero();
        assertThat(client.count(SESSIONS, "{\"query\":{\"term\":{\"visitor_id\":\"a-1\"}}}")).isZero();
        assertThat(client.count(INVALID, "{\"query\":{\"term\":{\"anonymous_id\":\"a-1\"}}}")).isZero();
        // Her conversions and funnel attempts carry only her visitor id (and user id): they go too.
        assertThat(client.count(GOALS, "{\"query\":{\"term\":{\"visitor_id\":\"a-1\"}}}")).isZero();
        assertThat(client.count(FUNNELS, "{\"query\":{\"term\":{\"visitor_id\":\"a-1\"}}}")).isZero();
        // Bob is untouched.
        assertThat(client.count(EVENTS)).isEqualTo(2);
        assertThat(client.count(SESSIONS)).isEqualTo(1);
        assertThat(client.count(INVALID)).isEqualTo(1);
        assertThat(client.count(GOALS)).isEqualTo(1);
        assertThat(client.count(FUNNELS)).isEqualTo(1);
    }

    @Test
    void erasingAnAnonymousIdRemovesOnlyThatVisitor() {
        assertThat(erase("--anonymous-id", "a-2")).isZero();

        assertThat(client.count(EVENTS)).isEqualTo(3);
        assertThat(client.count(EVENTS, "{\"query\":{\"term\":{\"visitor_id\":\"a-2\"}}}")).isZero();
        assertThat(client.count(SESSIONS)).isEqualTo(1);
        assertThat(client.count(INVALID)).isEqualTo(1);
    }

    @Test
    void erasureIsLimitedToTheGivenSite() {
        assertThat(erase("--anonymous-id", "a-2", "--site", "another-site")).isZero();
        assertThat(client.count(EVENTS)).isEqualTo(5);
    }

    @Test
    void eraseNeedsExactlyOneId() {
        assertThat(erase()).isEqualTo(2);
        assertThat(erase("--user-id", "u", "--anonymous-id", "a")).isEqualTo(2);
    }
}
