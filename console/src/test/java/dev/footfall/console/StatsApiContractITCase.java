package dev.footfall.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.embedded.EmbeddedOpenSearch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import dev.footfall.testkit.OpenSearchExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a client of the Stats API relies on besides the numbers: the shape of Plausible's
 * responses, who may read what (401, 403), and that a bad query is refused with 400 and a message
 * naming the field and the problem. A real console on a real OpenSearch node; no job needed.
 */
@ExtendWith(OpenSearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsApiContractITCase {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    private ConsoleServer console;
    private ApiClient api;
    private String demoKey;
    private String secondKey;

    @BeforeAll
    void start(EmbeddedOpenSearch node) {
        Sites sites = Sites.of(site("demo", "UTC"), site("second", "Asia/Kolkata"));
        console = ConsoleServer.start(ConsoleConfig.defaults().with("console.port", "0"), sites,
                OpenSearchAccess.of(node.httpUrl()), clock);
        api = new ApiClient("http://127.0.0.1:" + console.port());
        demoKey = console.keys().create("demo", List.of("demo")).join().key();
        secondKey = console.keys().create("second", List.of("second")).join().key();
    }

    @AfterAll
    void stop() {
        console.close();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aRequestFromPlausiblesDocsGetsPlausiblesResponseShape() {
        // The first example of Plausible's Stats API v2 docs, with our site id.
        ApiClient.Answer answer = api.query(demoKey, "{\"site_id\": \"demo\", "
                + "\"metrics\": [\"visitors\", \"pageviews\", \"bounce_rate\", \"visit_duration\"], \"date_range\": \"7d\"}");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(fieldNames(body)).containsExactly("results", "meta", "query");
        assertThat(body.path("results")).hasSize(1);
        assertThat(fieldNames(body.at("/results/0"))).containsExactly("metrics", "dimensions");
        assertThat(body.at("/results/0").toString()).isEqualTo("{\"metrics\":[0,0,0,0],\"dimensions\":[]}");
        assertThat(body.path("meta").toString()).isEqualTo("{}");
        JsonNode query = body.path("query");
        assertThat(fieldNames(query)).containsExactly("site_id", "metrics", "date_range", "filters", "dimensions",
                "order_by", "include", "pagination");
        // 7d: the seven whole days before today (10 March, UTC), as Plausible echoes them.
        assertThat(query.toString()).isEqualTo("{\"site_id\":\"demo\","
                + "\"metrics\":[\"visitors\",\"pageviews\",\"bounce_rate\",\"visit_duration\"],"
                + "\"date_range\":[\"2026-03-03T00:00:00Z\",\"2026-03-09T23:59:59Z\"],"
                + "\"filters\":[],\"dimensions\":[],\"order_by\":[[\"visitors\",\"desc\"]],\"include\":{},"
                + "\"pagination\":{\"limit\":10000,\"offset\":0}}");
    }

    @Test
    void aBreakdownWithEveryOptionEchoesTheQueryAsItRan() {
        ApiClient.Answer answer = api.query(secondKey, "{\"site_id\": \"second\", \"metrics\": [\"visitors\", \"percentage\"], "
                + "\"date_range\": [\"2026-03-01\", \"2026-03-02\"], \"dimensions\": [\"visit:source\", \"time\"], "
                + "\"filters\": [[\"is_not\", \"visit:country\", [\"FR\"]]], \"order_by\": [[\"time\", \"asc\"]], "
                + "\"include\": {\"imports\": true, \"total_rows\": true, \"time_labels\": true}, "
                + "\"pagination\": {\"limit\": 5, \"offset\": 0}}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.path("results")).isEmpty();
        // meta keys sorted, as Plausible orders them.
        assertThat(fieldNames(body.path("meta"))).containsExactly("imports_included", "imports_skip_reason", "time_labels",
                "total_rows");
        assertThat(body.at("/meta/imports_included").asBoolean()).isFalse();
        assertThat(body.at("/meta/total_rows").asInt()).isZero();
        assertThat(body.at("/meta/time_labels")).hasSize(48); // two days of hours in Kolkata
        JsonNode query = body.path("query");
        // Kolkata is UTC+05:30: its days start at 18:30 UTC the day before.
        assertThat(query.path("date_range").toString()).isEqualTo("[\"2026-03-01T00:00:00+05:30\",\"2026-03-02T23:59:59+05:30\"]");
        assertThat(query.path("dimensions").toString()).isEqualTo("[\"visit:source\",\"time:hour\"]");
        assertThat(query.path("order_by").toString()).isEqualTo("[[\"time:hour\",\"asc\"]]");
        assertThat(query.path("filters").toString()).isEqualTo("[[\"is_not\",\"visit:country\",[\"FR\"]]]");
        assertThat(query.path("include").toString()).isEqualTo("{\"imports\":true,\"time_labels\":true,\"total_rows\":true}");
        assertThat(query.path("pagination").toString()).isEqualTo("{\"limit\":5,\"offset\":0}");
    }

    @Test
    void withoutAValidKeyTheAnswerIs401() {
        String body = "{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"day\"}";
        ApiClient.Answer missing = api.query(null, body);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.error()).startsWith("Missing API key.");
        ApiClient.Answer basic = api.post("/api/v2/query", body, Map.of("Authorization", "Basic ZGVtbzo="));
        assertThat(basic.status()).isEqualTo(401);
        ApiClient.Answer unknown = api.query("ffk_not-a-key", body);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.error()).startsWith("Invalid API key.");

        ApiClient.Answer noSite = api.query(demoKey, "{\"metrics\": [\"visitors\"], \"date_range\": \"day\"}");
        assertThat(noSite.status()).isEqualTo(400);
        assertThat(noSite.error()).isEqualTo("Missing site ID. Please provide the required site_id parameter with your request.");
    }

    @Test
    void aRevokedKeyStopsWorking() {
        String key = console.keys().create("short-lived", List.of("demo")).join().key();
        String body = "{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"day\"}";
        assertThat(api.query(key, body).status()).isEqualTo(200);
        String id = console.keys().list().join().stream().filter(k -> k.name().equals("short-lived")).findFirst()
                .orElseThrow().id();
        assertThat(console.keys().revoke(id).join()).isTrue();
        assertThat(api.query(key, body).status()).isEqualTo(401);
        assertThat(console.keys().revoke(id).join()).as("revoking twice").isFalse();
    }

    @Test
    void aKeyForOneSiteGets403ForAnyOtherKnownOrNot() {
        ApiClient.Answer other = api.query(secondKey, "{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"day\"}");
        assertThat(other.status()).isEqualTo(403);
        ApiClient.Answer unknown = api.query(secondKey, "{\"site_id\": \"nowhere\", \"metrics\": [\"visitors\"], \"date_range\": \"day\"}");
        assertThat(unknown.status()).isEqualTo(403);
        // The same words for both, so a key cannot find out which other sites exist.
        assertThat(other.error().replace("demo", "X")).isEqualTo(unknown.error().replace("nowhere", "X"));
    }

    @Test
    void theStoredKeyIsOnlyItsHash(EmbeddedOpenSearch node) throws Exception {
        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(node.httpUrl() + "/footfall-api-keys/_search?size=100")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stored.body()).doesNotContain(demoKey).doesNotContain(demoKey.substring(4, 20));
        assertThat(stored.body()).contains(dev.footfall.console.auth.KeyHashes.hash(demoKey));
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\", \"nope\"], \"date_range\": \"7d\"}",
                        "#/metrics/1: Invalid metric \"nope\""),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [], \"date_range\": \"7d\"}",
                        "#/metrics: Expected a minimum of 1 items but got 0."),
                Arguments.of("{\"site_id\": \"demo\", \"date_range\": \"7d\"}",
                        "#: Required property metrics was not present."),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"conversion_rate\"], \"date_range\": \"7d\"}",
                        "Metric `conversion_rate` can only be queried with event:goal filters or dimensions."),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"bounce_rate\"], \"date_range\": \"7d\", \"dimensions\": [\"event:goal\"]}",
                        "Metric `bounce_rate` cannot be queried with event:goal in Footfall"),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"dimensions\": [\"event:goal\", \"visit:source\"]}",
                        "Footfall groups goal conversions by `event:goal` alone, not by `visit:source`."),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"filters\": [[\"matches\", \"event:goal\", [\"^S\"]]]}",
                        "#/filters/0/0: Filter operator \"matches\" is not available for event:goal"),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"filters\": [[\"or\", [[\"is\", \"event:goal\", [\"Signup\"]], [\"is\", \"event:page\", [\"/\"]]]]]}",
                        "#/filters/0: event:goal filters go at the top level of filters"),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"dimensions\": [\"event:goal\"], \"filters\": [[\"is\", \"visit:entry_page\", [\"/\"]]]}",
                        "#/filters/0: Footfall cannot filter goal conversions by `visit:entry_page`"),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"8d\"}",
                        "#/date_range: Invalid date range \"8d\""),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": [\"2026-02-01\", \"2026-01-01\"]}",
                        "#/date_range: Invalid date range [\"2026-02-01\",\"2026-01-01\"]: the end date is before the start date"),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"dimensions\": [\"visit:galaxy\"]}",
                        "#/dimensions/0: Invalid dimension \"visit:galaxy\""),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"filters\": [[\"is\", \"visit:galaxy\", [\"x\"]]]}",
                        "#/filters/0/1: Invalid filter dimension \"visit:galaxy\""),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"filters\": [[\"equals\", \"event:page\", [\"/\"]]]}",
                        "#/filters/0: Invalid filter [\"equals\",\"event:page\",[\"/\"]]"),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"filters\": [[\"is\", \"event:page\", \"/\"]]}",
                        "#/filters/0/2: Invalid filter"),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"filters\": [[\"matches\", \"event:page\", [\"/(blog\"]]]}",
                        "#/filters/0/2/0: Invalid regular expression \"/(blog\": unclosed '('"),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"filters\": [[\"not\", [\"matches\", \"event:page\", [\"^(?=/a)\"]]]]}",
                        "#/filters/0/1/2/0: Invalid regular expression \"^(?=/a)\": look-around"),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"filters\": [[\"is\", \"visit:country\", [\"DEU\"]]]}",
                        "#/filters/0: Invalid visit:country filter, visit:country needs to be a valid 2-letter country code."),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"order_by\": [[\"pageviews\", \"desc\"]]}",
                        "#/order_by/0: Invalid order_by entry [\"pageviews\",\"desc\"]. Entry is not a queried metric or dimension."),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"pagination\": {\"limit\": 10001}}",
                        "#/pagination/limit: Expected the value to be <= 10000"),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"period\": \"7d\"}",
                        "#/period: Schema does not allow additional properties."),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\", \"include\": {\"time_labels\": true}}",
                        "Invalid include.time_labels: requires a time dimension."),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"views_per_visit\"], \"date_range\": \"7d\", \"dimensions\": [\"visit:source\"]}",
                        "Metric `views_per_visit` cannot be queried with `dimensions`."),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"bounce_rate\"], \"date_range\": \"7d\", \"dimensions\": [\"event:name\"]}",
                        "Session metric(s) `bounce_rate` cannot be queried along with event dimensions."),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\", \"pageviews\"], \"date_range\": \"7d\", "
                                + "\"dimensions\": [\"visit:exit_page\"], \"filters\": [[\"is\", \"event:page\", [\"/\"]]]}",
                        "Footfall cannot group by `visit:exit_page` with `event:page` for metric(s) `visitors, pageviews`: "
                                + "those are counted from events"),
                Arguments.of("{\"site_id\": \"demo\", \"metrics\": [\"visitors\"], \"date_range\": \"7d\"",
                        "The request body is not valid JSON"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badQueries")
    void aBadQueryIs400WithAMessageNamingTheFieldAndTheProblem(String body, String message) {
        ApiClient.Answer answer = api.query(demoKey, body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
        assertThat(answer.error()).startsWith(message);
    }

    private static Site site(String id, String zone) {
        return new Site(id, List.of(), Set.of(), ZoneId.of(zone));
    }
}
