package dev.footfall.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.console.query.Dimension.Kind;
import dev.footfall.console.query.Dimension.Scope;
import dev.footfall.index.Fields;
import dev.footfall.index.IndexFamily;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Answers any query from the indices the job writes: {@code footfall-events-*} (one document per
 * event, carrying the attributes of that event) and {@code footfall-sessions-*} (one per visit,
 * carrying entry and exit page, bounce, duration and the attributes of its first event).
 *
 * <p>Which index computes what (docs/stats-api.md, "Where the numbers come from"):
 * <ul>
 *   <li>A query that filters or groups by a visit-only attribute (entry or exit page, source,
 *       referrer, UTM source, medium and campaign) reads every metric from the sessions: visitors
 *       are distinct visitors of those sessions, page views and events their sums.</li>
 *   <li>Otherwise visitors, page views and events come from the events, and so do visits when an
 *       event-only attribute is involved (distinct session ids); bounce rate, visit duration, views
 *       per visit and otherwise visits come from the sessions, with {@code event:page} read as the
 *       entry page, as Plausible does.</li>
 * </ul>
 * Each part is one search with nested aggregations (a terms, date-histogram or filter level per
 * dimension, the metrics at the leaves), and both go to OpenSearch in one {@code _msearch}. Rows
 * are merged, ordered and paginated here.
 */
public final class RawIndexSource implements StatsSource {

    /** Distinct counts are exact below this many per row, HyperLogLog++ estimates above. */
    static final int PRECISION_UNGROUPED = 40_000;
    static final int PRECISION_GROUPED = 3_000;
    /** Groups fetched per dimension level; beyond it the least frequent groups are left out. */
    static final int MAX_GROUPS = 10_000;

    static final String NOT_SET = "(not set)";
    static final String DIRECT = "Direct / None";
    static final String NO_PROPERTY = "(none)";
    static final String PAGEVIEW = "pageview";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VIEW_TYPES = List.of("page", "screen");
    private static final List<String> COUNTED_TYPES = List.of("page", "screen", "track");

    private final SearchClient client;

    public RawIndexSource(SearchClient client) {
        this.client = client;
    }

    @Override
    public boolean canAnswer(StatsQuery query) {
        return true;
    }

    @Override
    public CompletableFuture<QueryResult> run(StatsQuery query) {
        List<Part> parts = plan(query);
        List<SearchClient.Search> searches = new ArrayList<>();
        for (Part part : parts) {
            searches.add(new SearchClient.Search(part.target.index, part.request(query)));
        }
        return client.multiSearch(searches).thenApply(responses -> {
            Map<List<String>, Map<Metric, Double>> rows = new LinkedHashMap<>();
            Double totalVisitors = null;
            for (int i = 0; i < parts.size(); i++) {
                JsonNode response = SearchErrors.check(responses.get(i));
                Part part = parts.get(i);
                part.collect(query, response.path("aggregations"), rows);
                if (part.totalVisitors) {
                    totalVisitors = response.path("aggregations").path("total_visitors").path("value").asDouble(0);
                }
            }
            return Rows.finish(query, rows, totalVisitors);
        });
    }

    /** Which index computes which metric. */
    static List<Part> plan(StatsQuery q) {
        boolean visitScoped = false;
        boolean eventScoped = false;
        List<Dimension> used = new ArrayList<>(q.dimensions());
        q.filters().forEach(f -> f.forEachCondition(c -> used.add(c.dimension())));
        for (Dimension d : used) {
            visitScoped |= d.kind().scope() == Scope.VISIT;
            eventScoped |= d.kind().scope() == Scope.EVENT;
        }
        Set<Metric> wanted = EnumSet.copyOf(q.metrics());
        boolean percentage = wanted.remove(Metric.PERCENTAGE);
        if (percentage) {
            wanted.add(Metric.VISITORS);
        }
        if (visitScoped) {
            return List.of(new Part(Target.SESSIONS, wanted, percentage));
        }
        Set<Metric> fromEvents = EnumSet.noneOf(Metric.class);
        Set<Metric> fromSessions = EnumSet.noneOf(Metric.class);
        for (Metric m : wanted) {
            boolean events = m == Metric.VISITORS || m == Metric.PAGEVIEWS || m == Metric.EVENTS
                    || (m == Metric.VISITS && eventScoped);
            (events ? fromEvents : fromSessions).add(m);
        }
        List<Part> parts = new ArrayList<>();
        if (!fromEvents.isEmpty()) {
            parts.add(new Part(Target.EVENTS, fromEvents, percentage));
        }
        if (!fromSessions.isEmpty()) {
            parts.add(new Part(Target.SESSIONS, fromSessions, false));
        }
        return parts;
    }

    enum Target {
        EVENTS(IndexFamily.EVENTS.indexPattern()), SESSIONS(IndexFamily.SESSIONS.indexPattern());

        final String index;

        Target(String index) {
            this.index = index;
        }
    }

    /** The stored field of a dimension in an index (event:page is the entry page in the sessions, as in Plausible). */
    static String field(Dimension d, Target target) {
        boolean events = target == Target.EVENTS;
        String field = switch (d.kind()) {
            case EVENT_PAGE -> events ? Fields.Events.PAGE_PATH : Fields.Sessions.ENTRY_PAGE;
            case EVENT_HOSTNAME -> events ? Fields.Events.PAGE_HOST : null;
            case VISIT_UTM_CONTENT -> events ? Fields.Events.UTM_CONTENT : null;
            case VISIT_UTM_TERM -> events ? Fields.Events.UTM_TERM : null;
            case VISIT_ENTRY_PAGE -> events ? null : Fields.Sessions.ENTRY_PAGE;
            case VISIT_EXIT_PAGE -> events ? null : Fields.Sessions.EXIT_PAGE;
            case VISIT_SOURCE, VISIT_UTM_SOURCE -> events ? null : Fields.Sessions.SOURCE;
            case VISIT_REFERRER -> events ? null : Fields.Sessions.REFERRER;
            case VISIT_UTM_MEDIUM -> events ? null : Fields.Sessions.MEDIUM;
            case VISIT_UTM_CAMPAIGN -> events ? null : Fields.Sessions.CAMPAIGN;
            case VISIT_DEVICE -> events ? Fields.Events.DEVICE_TYPE : Fields.Sessions.DEVICE_TYPE;
            case VISIT_BROWSER -> events ? Fields.Events.BROWSER : Fields.Sessions.BROWSER;
            case VISIT_OS -> events ? Fields.Events.OS : Fields.Sessions.OS;
            case VISIT_COUNTRY -> events ? Fields.Events.COUNTRY : Fields.Sessions.COUNTRY;
            default -> null;
        };
        if (field == null) {
            // The parser's combination rules keep every query away from here.
            throw new IllegalStateException(d + " is not stored in the " + target.name().toLowerCase(Locale.ROOT));
        }
        return field;
    }

    /** One search: the metrics one index computes, grouped by every dimension of the query. */
    static final class Part {
        final Target target;
        final Set<Metric> metrics;
        final boolean totalVisitors;

        Part(Target target, Set<Metric> metrics, boolean totalVisitors) {
            this.target = target;
            this.metrics = metrics;
            this.totalVisitors = totalVisitors;
        }

        ObjectNode request(StatsQuery q) {
            ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", false);
            body.set("query", query(q));
            ObjectNode aggs = body.putObject("aggs");
            int precision = q.dimensions().isEmpty() ? PRECISION_UNGROUPED : PRECISION_GROUPED;
            ObjectNode leaf = leafMetrics(precision);
            if (q.dimensions().isEmpty()) {
                ObjectNode all = aggs.putObject("d0");
                all.putObject("filter").putObject("match_all");
                all.set("aggs", leaf);
            } else {
                aggs.setAll(levels(q, 0, leaf));
            }
            if (totalVisitors) {
                aggs.putObject("total_visitors").putObject("cardinality")
                        .put("field", Fields.Events.VISITOR_ID).put("precision_threshold", PRECISION_UNGROUPED);
            }
            return body;
        }

        /** The documents the query counts: its site, range and filters, without bots. */
        ObjectNode query(StatsQuery q) {
            ObjectNode bool = JSON.createObjectNode();
            ArrayNode filter = bool.putObject("bool").putArray("filter");
            if (q.siteId() != null) {
                filter.addObject().putObject("term").put(Fields.SITE_ID, q.siteId());
            }
            filter.addObject().putObject("range").putObject(Fields.TIMESTAMP)
                    .put("gte", q.period().from().toEpochMilli())
                    .put("lt", q.period().to().toEpochMilli())
                    .put("format", "epoch_millis");
            if (target == Target.EVENTS) {
                // identify, group and alias carry no interaction: they are neither views nor events.
                terms(filter.addObject(), Fields.Events.TYPE, COUNTED_TYPES);
            }
            for (Filter f : q.filters()) {
                filter.add(FilterClauses.clause(f, target));
            }
            ((ObjectNode) bool.get("bool")).putArray("must_not").addObject().putObject("term").put(Fields.Events.IS_BOT, true);
            return bool;
        }

        private ObjectNode leafMetrics(int precision) {
            ObjectNode aggs = JSON.createObjectNode();
            if (target == Target.EVENTS) {
                if (metrics.contains(Metric.VISITORS)) {
                    cardinality(aggs, "visitors", Fields.Events.VISITOR_ID, precision);
                }
                if (metrics.contains(Metric.VISITS)) {
                    cardinality(aggs, "visits", Fields.Events.SESSION_ID, precision);
                }
                if (metrics.contains(Metric.PAGEVIEWS)) {
                    terms(aggs.putObject("pageviews").putObject("filter"), Fields.Events.TYPE, VIEW_TYPES);
                }
            } else {
                if (metrics.contains(Metric.VISITORS)) {
                    cardinality(aggs, "visitors", Fields.Sessions.VISITOR_ID, precision);
                }
                if (metrics.contains(Metric.PAGEVIEWS) || metrics.contains(Metric.VIEWS_PER_VISIT)) {
                    aggs.putObject("pageviews").putObject("sum").put("field", Fields.Sessions.PAGEVIEWS);
                }
                if (metrics.contains(Metric.EVENTS)) {
                    aggs.putObject("events").putObject("sum").put("field", Fields.Sessions.EVENTS);
                }
                if (metrics.contains(Metric.BOUNCE_RATE)) {
                    aggs.putObject("bounces").putObject("filter").putObject("term").put(Fields.Sessions.IS_BOUNCE, true);
                }
                if (metrics.contains(Metric.VISIT_DURATION)) {
                    aggs.putObject("duration").putObject("sum").put("field", Fields.Sessions.DURATION_SECONDS);
                }
            }
            return aggs;
        }

        /** The aggregations of dimension {@code level} and below, named {@code d<level>} (and siblings). */
        private ObjectNode levels(StatsQuery q, int level, ObjectNode leaf) {
            if (level == q.dimensions().size()) {
                return leaf;
            }
            ObjectNode children = levels(q, level + 1, leaf);
            Dimension d = q.dimensions().get(level);
            String name = "d" + level;
            ObjectNode aggs = JSON.createObjectNode();
            if (d.isTime()) {
                ObjectNode histogram = aggs.putObject(name);
                histogram.putObject("date_histogram")
                        .put("field", Fields.TIMESTAMP)
                        .put("calendar_interval", TimeBuckets.interval(d))
                        .put("time_zone", q.period().zone().getId())
                        .put("min_doc_count", 1);
                histogram.set("aggs", children);
            } else if (d.kind() == Kind.EVENT_NAME) {
                ObjectNode views = aggs.putObject(name + "_pageview");
                terms(views.putObject("filter"), Fields.Events.TYPE, VIEW_TYPES);
                views.set("aggs", children);
                ObjectNode custom = aggs.putObject(name);
                custom.putObject("filter").putObject("term").put(Fields.Events.TYPE, "track");
                ObjectNode names = custom.putObject("aggs").putObject("values");
                names.putObject("terms").put("field", Fields.Events.EVENT_NAME).put("size", MAX_GROUPS);
                names.set("aggs", children);
            } else if (d.kind() == Kind.EVENT_PROPS) {
                String prefix = d.property() + "=";
                ObjectNode none = aggs.putObject(name + "_none");
                none.putObject("filter").putObject("bool").putArray("must_not").addObject()
                        .putObject("prefix").put(Fields.Events.PROPERTIES_KV, prefix);
                none.set("aggs", children);
                ObjectNode with = aggs.putObject(name);
                with.putObject("filter").putObject("prefix").put(Fields.Events.PROPERTIES_KV, prefix);
                ObjectNode values = with.putObject("aggs").putObject("values");
                values.putObject("terms").put("field", Fields.Events.PROPERTIES_KV).put("size", MAX_GROUPS)
                        .put("include", SafeRegex.literal(prefix) + ".*");
                values.set("aggs", children);
            } else {
                ObjectNode terms = aggs.putObject(name);
                terms.putObject("terms").put("field", field(d, target)).put("size", MAX_GROUPS)
                        .put("missing", d.kind() == Kind.VISIT_REFERRER ? DIRECT : NOT_SET);
                terms.set("aggs", children);
            }
            return aggs;
        }

        /** Walks the nested buckets and adds this part's metrics to the rows, keyed by dimension values. */
        void collect(StatsQuery q, JsonNode aggs, Map<List<String>, Map<Metric, Double>> rows) {
            walk(q, aggs, 0, new ArrayList<>(), (key, bucket) -> {
                Map<Metric, Double> row = rows.computeIfAbsent(key, k -> new EnumMap<>(Metric.class));
                readMetrics(bucket, row);
            });
        }

        private void walk(StatsQuery q, JsonNode aggs, int level, List<String> key,
                BiConsumer<List<String>, JsonNode> leaf) {
            if (q.dimensions().isEmpty()) {
                JsonNode all = aggs.path("d0");
                leaf.accept(List.of(), all.isMissingNode() ? JSON.createObjectNode() : all);
                return;
            }
            if (level == q.dimensions().size()) {
                leaf.accept(List.copyOf(key), aggs);
                return;
            }
            Dimension d = q.dimensions().get(level);
            String name = "d" + level;
            BiConsumer<String, JsonNode> descend = (value, bucket) -> {
                key.add(value);
                walk(q, bucket, level + 1, key, leaf);
                key.remove(key.size() - 1);
            };
            if (d.isTime()) {
                for (JsonNode bucket : aggs.path(name).path("buckets")) {
                    descend.accept(TimeBuckets.label(d, bucket.path("key").asLong(), q.period()), bucket);
                }
            } else if (d.kind() == Kind.EVENT_NAME) {
                JsonNode views = aggs.path(name + "_pageview");
                if (views.path("doc_count").asLong() > 0) {
                    descend.accept(PAGEVIEW, views);
                }
                for (JsonNode bucket : aggs.path(name).path("values").path("buckets")) {
                    descend.accept(bucket.path("key").asText(), bucket);
                }
            } else if (d.kind() == Kind.EVENT_PROPS) {
                JsonNode none = aggs.path(name + "_none");
                if (none.path("doc_count").asLong() > 0) {
                    descend.accept(NO_PROPERTY, none);
                }
                int cut = d.property().length() + 1;
                for (JsonNode bucket : aggs.path(name).path("values").path("buckets")) {
                    descend.accept(bucket.path("key").asText().substring(cut), bucket);
                }
            } else {
                for (JsonNode bucket : aggs.path(name).path("buckets")) {
                    descend.accept(bucket.path("key").asText(), bucket);
                }
            }
        }

        private void readMetrics(JsonNode bucket, Map<Metric, Double> row) {
            double docs = bucket.path("doc_count").asDouble(0);
            for (Metric m : metrics) {
                double value;
                if (target == Target.EVENTS) {
                    value = switch (m) {
                        case VISITORS -> bucket.path("visitors").path("value").asDouble(0);
                        case VISITS -> bucket.path("visits").path("value").asDouble(0);
                        case PAGEVIEWS -> bucket.path("pageviews").path("doc_count").asDouble(0);
                        case EVENTS -> docs;
                        default -> throw new IllegalStateException(m + " is not read from events");
                    };
                } else {
                    value = switch (m) {
                        case VISITORS -> bucket.path("visitors").path("value").asDouble(0);
                        case VISITS -> docs;
                        case PAGEVIEWS -> bucket.path("pageviews").path("value").asDouble(0);
                        case EVENTS -> bucket.path("events").path("value").asDouble(0);
                        case BOUNCE_RATE -> ratio(bucket.path("bounces").path("doc_count").asDouble(0), docs) * 100;
                        case VISIT_DURATION -> ratio(bucket.path("duration").path("value").asDouble(0), docs);
                        case VIEWS_PER_VISIT -> ratio(bucket.path("pageviews").path("value").asDouble(0), docs);
                        default -> throw new IllegalStateException(m + " is not read from sessions");
                    };
                }
                row.put(m, value);
            }
        }
    }

    private static double ratio(double part, double whole) {
        return whole == 0 ? 0 : part / whole;
    }

    static void cardinality(ObjectNode aggs, String name, String field, int precision) {
        aggs.putObject(name).putObject("cardinality").put("field", field).put("precision_threshold", precision);
    }

    static void terms(ObjectNode into, String field, List<String> values) {
        ArrayNode array = into.putObject("terms").putArray(field);
        values.forEach(array::add);
    }
}
