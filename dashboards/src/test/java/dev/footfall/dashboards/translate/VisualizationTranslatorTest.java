package dev.footfall.dashboards.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.dashboards.savedobjects.SavedObjectsFile;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The request shape for the kinds of panels shipped; the node tests run every one for real. */
class VisualizationTranslatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SavedObjectsFile FILE = SavedObjectsFile.footfall();
    private static final TimeRange WEEK = new TimeRange(Instant.parse("2025-03-07T12:00:00Z"), Instant.parse("2025-03-14T12:00:00Z"));
    private static final VisualizationTranslator.IndexPattern EVENTS =
            new VisualizationTranslator.IndexPattern("footfall-events", "footfall-events-*", "@timestamp");
    private static final VisualizationTranslator.IndexPattern SESSIONS =
            new VisualizationTranslator.IndexPattern("footfall-sessions", "footfall-sessions-*", "@timestamp");

    private static SavedVisualization vis(String id) {
        return SavedVisualization.of(FILE.get("visualization", id).orElseThrow());
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void topPagesIsATermsAggregationWithItsMetricsUnderTheFilteredTimeRange() throws Exception {
        TranslatedSearch search = VisualizationTranslator.translate(vis("footfall-traffic-top-pages"), EVENTS, WEEK);
        assertThat(search.index()).isEqualTo("footfall-events-*");
        assertThat(search.body()).isEqualTo(json("""
                {"size":0,"track_total_hits":true,
                 "query":{"bool":{"must":[{"match_all":{}}],
                   "filter":[{"range":{"@timestamp":{"gte":"2025-03-07T12:00:00Z","lte":"2025-03-14T12:00:00Z","format":"strict_date_optional_time"}}},
                             {"match_phrase":{"is_bot":false}},
                             {"bool":{"should":[{"match_phrase":{"type":"page"}},{"match_phrase":{"type":"screen"}}],"minimum_should_match":1}}],
                   "must_not":[]}},
                 "aggs":{"3":{"terms":{"field":"page_path","size":20,"order":{"_count":"desc"}},
                              "aggs":{"2":{"cardinality":{"field":"visitor_id"}}}}}}
                """));
    }

    @Test
    void bounceRateSplitsSessionsIntoNamedFilters() throws Exception {
        TranslatedSearch search = VisualizationTranslator.translate(vis("footfall-traffic-bounce-rate"), SESSIONS, WEEK);
        assertThat(search.body().get("aggs")).isEqualTo(json("""
                {"2":{"filters":{"filters":{
                   "Bounced":{"bool":{"should":[{"match":{"is_bounce":"true"}}],"minimum_should_match":1}},
                   "Engaged":{"bool":{"should":[{"match":{"is_bounce":"false"}}],"minimum_should_match":1}}}}}}
                """));
    }

    @Test
    void funnelStepsAreRangeFiltersUnderEachFunnel() throws Exception {
        VisualizationTranslator.IndexPattern funnels =
                new VisualizationTranslator.IndexPattern("footfall-funnels", "footfall-funnels-*", "@timestamp");
        TranslatedSearch search = VisualizationTranslator.translate(vis("footfall-funnels-steps"), funnels, WEEK);
        // KQL "step_reached >= 2" as OSD's KQL sends it: a range query in a one-clause should.
        assertThat(search.body().at("/aggs/2/aggs/3/filters/filters/Step 2").toString()).isEqualTo(json("""
                {"bool":{"should":[{"range":{"step_reached":{"gte":2}}}],"minimum_should_match":1}}
                """).toString());
        assertThat(search.body().at("/aggs/2/aggs/3/filters/filters").size()).isEqualTo(8);
    }

    @Test
    void customEventsOverTimeNestsTheSplitSeriesUnderTheTimeAxis() throws Exception {
        TranslatedSearch search = VisualizationTranslator.translate(vis("footfall-events-over-time"), EVENTS, WEEK);
        assertThat(search.body().get("aggs")).isEqualTo(json("""
                {"2":{"date_histogram":{"field":"@timestamp","fixed_interval":"3h","time_zone":"UTC","min_doc_count":1},
                      "aggs":{"3":{"terms":{"field":"event_name","size":10,"order":{"_count":"desc"}}}}}}
                """));
    }

    @Test
    void aMetricOnlyPanelWithCountNeedsNoAggregation() {
        TranslatedSearch search = VisualizationTranslator.translate(vis("footfall-traffic-sessions"), SESSIONS, WEEK);
        assertThat(search.body().has("aggs")).isFalse();
        JsonNode response = JSON.createObjectNode().set("hits", JSON.createObjectNode().set("total",
                JSON.createObjectNode().put("value", 7)));
        assertThat(search.rows(response)).containsExactly(java.util.List.of(7L));
    }

    @Test
    void anUpperTermsLevelOrderedByAMetricCarriesThatMetric() {
        ObjectNode o = (ObjectNode) FILE.get("visualization", "footfall-traffic-sources").orElseThrow().deepCopy();
        String visState = o.at("/attributes/visState").asText().replace("\"orderBy\":\"1\",\"order\":\"desc\",\"size\":20",
                "\"orderBy\":\"2\",\"order\":\"desc\",\"size\":20");
        ((ObjectNode) o.get("attributes")).put("visState", visState);
        TranslatedSearch search = VisualizationTranslator.translate(SavedVisualization.of(o), SESSIONS, WEEK);
        JsonNode source = search.body().at("/aggs/3");
        assertThat(source.at("/terms/order/2").asText()).isEqualTo("desc");
        assertThat(source.at("/aggs/2/cardinality/field").asText()).isEqualTo("visitor_id");
        assertThat(source.at("/aggs/4/aggs/2/cardinality/field").asText()).isEqualTo("visitor_id");
    }

    @Test
    void negatedFiltersGoToMustNotAndDisabledOnesAreDropped() {
        ObjectNode o = (ObjectNode) FILE.get("visualization", "footfall-traffic-pageviews").orElseThrow().deepCopy();
        String source = o.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON").asText()
                .replaceFirst("\"negate\":false", "\"negate\":true")
                .replaceFirst("(\"type\":\"phrases\".*?)\"disabled\":false", "$1\"disabled\":true");
        source = source.replaceFirst("\"disabled\":false,\"type\":\"phrases\"", "\"disabled\":true,\"type\":\"phrases\"");
        ((ObjectNode) o.at("/attributes/kibanaSavedObjectMeta")).put("searchSourceJSON", source);
        JsonNode bool = VisualizationTranslator.translate(SavedVisualization.of(o), EVENTS, WEEK).body().at("/query/bool");
        assertThat(bool.get("must_not")).hasSize(1);
        assertThat(bool.at("/must_not/0/match_phrase/is_bot").asBoolean(true)).isFalse();
        assertThat(bool.get("filter")).hasSize(1); // only the time range
    }

    @Test
    void unsupportedQueriesAndAggregationsAreRefusedNotGuessed() {
        ObjectNode o = (ObjectNode) FILE.get("visualization", "footfall-traffic-visitors").orElseThrow().deepCopy();
        ObjectNode withQuery = o.deepCopy();
        String source = withQuery.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON").asText()
                .replace("\"query\":\"\"", "\"query\":\"type:page and not is_bot:true\"");
        ((ObjectNode) withQuery.at("/attributes/kibanaSavedObjectMeta")).put("searchSourceJSON", source);
        assertThatThrownBy(() -> VisualizationTranslator.translate(SavedVisualization.of(withQuery), EVENTS, WEEK))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("KQL");

        ObjectNode percentiles = o.deepCopy();
        ((ObjectNode) percentiles.get("attributes")).put("visState",
                percentiles.at("/attributes/visState").asText().replace("\"type\":\"cardinality\"", "\"type\":\"percentiles\""));
        assertThatThrownBy(() -> VisualizationTranslator.translate(SavedVisualization.of(percentiles), EVENTS, WEEK))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("percentiles");
    }
}
