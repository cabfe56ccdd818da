package dev.footfall.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.console.query.Dimension.Kind;
import dev.footfall.console.query.Dimension.Scope;
import dev.footfall.index.Fields;
import dev.footfall.index.IndexFamily;
import java.time.Instant;
import java.time.LocalDate;
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
 * event, with the attributes of that event and a copy of its visit's) and
 * {@code footfall-sessions-*} (one per visit, with entry and exit page, bounce, duration, the
 * attributes of its first event and lists of what its events were).
 *
 * <p>Which index computes what (docs/stats-api.md, "Where the numbers come from"):
 * <ul>
 *   <li>Without an event attribute ({@code event:*}): a query that filters or groups by a visit
 *       attribute reads every metric from the sessions; otherwise visitors, page views and events
 *       come from the events and visits, bounce rate, visit duration and views per visit from the
 *       sessions.</li>
 *   <li>With an event attribute: visitors, visits (distinct session ids), page views and events
 *       come from the events, which carry their visit's attributes; bounce rate, visit duration and
 *       views per visit come from the sessions, whose lists of pages, event names, hosts and
 *       properties answer event filters. An {@code event:page} dimension is the entry page there,
 *       and the bounce rate of a page filter counts the visits that entered on it, as in Plausible.</li>
 * </ul>
 * Each part is one search with nested aggregations (a terms, date-histogram or filter level per
 * dimension, the metrics at the leaves), and all go to OpenSearch in one {@code _msearch}, with,
 * for a part that reads fields older documents lack, a search for such documents in the range
 * (the query is then refused, naming the first day it can answer). Rows are merged, ordered and
 * paginated here. A {@code visit:exit_page} filter on events (which do not carry the exit page)
 * costs one round trip before: the ids of the visits it matches.
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
        return exitPageVisits(client, query).thenCompose(exitPages -> run(query, exitPages));
    }

    private CompletableFuture<QueryResult> run(StatsQuery query, ExitPageVisits exitPages) {
        List<Part> parts = plan(query, exitPages);
        List<SearchClient.Search> searches = new ArrayList<>();
        List<Part> checked = new ArrayList<>();
        for (Part part : parts) {
            searches.add(new SearchClient.Search(part.reading.target.index, part.request(query)));
        }
        for (Part part : parts) {
            if (part.readsNewerFields(query)) {
                searches.add(part.olderDocumentsSearch(query));
                checked.add(part);
            }
        }
        return client.multiSearch(searches).thenApply(responses -> {
            for (int i = 0; i < checked.size(); i++) {
                checked.get(i).refuseOlderDocuments(query, responses.get(parts.size() + i));
            }
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

    /**
     * Which index computes which metric, and how each reads the query's dimensions.
     *
     * @param exitPages the visits of each {@code visit:exit_page} filter, for the events to be
     *                  filtered by (events do not carry their visit's exit page)
     */
    static List<Part> plan(StatsQuery q, ExitPageVisits exitPages) {
        boolean visitScoped = false;
        boolean eventScoped = false;
        for (Dimension d : used(q)) {
            visitScoped |= d.kind().scope() == Scope.VISIT;
            eventScoped |= d.kind().scope() == Scope.EVENT;
        }
        boolean eventDimension = q.dimensions().stream().anyMatch(d -> d.kind().scope() == Scope.EVENT);
        Set<Metric> wanted = EnumSet.copyOf(q.metrics());
        boolean percentage = wanted.remove(Metric.PERCENTAGE);
        if (percentage) {
            wanted.add(Metric.VISITORS);
        }
        // Grouped by event:page, a visit metric is that of the visits entering on the page, and a
        // page filter then means the entry page too (Plausible's reading).
        Reading sessions = new Reading(Target.SESSIONS, q.dimensions().contains(Dimension.of(Kind.EVENT_PAGE)),
                ExitPageVisits.NONE);
        // Grouped by the exit page, which events do not carry: visitors and visits come from the
        // visits too (event filters through their lists), as in Plausible when no metric or
        // dimension needs the events themselves (QueryParser refuses the rest).
        boolean byExitPage = q.dimensions().contains(Dimension.of(Kind.VISIT_EXIT_PAGE)) && !eventDimension
                && !wanted.contains(Metric.PAGEVIEWS) && !wanted.contains(Metric.EVENTS);
        if ((visitScoped && !eventScoped) || byExitPage) {
            return List.of(new Part(sessions, wanted, percentage));
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
            parts.add(new Part(new Reading(Target.EVENTS, false, exitPages), fromEvents, percentage));
        }
        if (!fromSessions.isEmpty()) {
            parts.add(new Part(sessions, fromSessions, false));
        }
        return parts;
    }

    /** Every dimension a query groups or filters by. */
    static List<Dimension> used(StatsQuery q) {
        List<Dimension> used = new ArrayList<>(q.dimensions());
        q.filters().forEach(f -> f.forEachCondition(c -> used.add(c.dimension())));
        return used;
    }

    enum Target {
        EVENTS(IndexFamily.EVENTS.indexPattern()), SESSIONS(IndexFamily.SESSIONS.indexPattern());

        final String index;

        Target(String index) {
            this.index = index;
        }
    }

    /**
     * How one part reads dimensions: the index, whether {@code event:page} is the entry page there
     * (a sessions part grouped by it) or the pages the visit saw, and the visits of each
     * {@code visit:exit_page} filter (events are filtered by their session ids).
     */
    record Reading(Target target, boolean eventPageIsEntryPage, ExitPageVisits exitPages) {
    }

    /**
     * The most visits an exit-page filter of an events search may match. The ids travel in a
     * {@code terms} query, and both OpenSearch's {@code index.max_terms_count} (65,536) and its
     * {@code search.max_buckets} (65,535), which the terms aggregation that collects them counts
     * against, default to just above this.
     */
    static final int MAX_EXIT_PAGE_VISITS = 65_000;

    /**
     * The session ids of the visits that match each {@code visit:exit_page} condition of a query
     * (keyed by the condition with its positive operator: {@code is_not} is the complement of
     * {@code is}), among the visits that overlap its range: every event in the range belongs to one.
     */
    record ExitPageVisits(Map<Filter.Condition, List<String>> sessionIds) {
        static final ExitPageVisits NONE = new ExitPageVisits(Map.of());

        static Filter.Condition key(Filter.Condition c) {
            return new Filter.Condition(c.operator().positive(), c.dimension(), c.values(), c.caseSensitive());
        }

        List<String> of(Filter.Condition c) {
            List<String> ids = sessionIds.get(key(c));
            if (ids == null) {
                throw new IllegalStateException("no visits were looked up for " + c);
            }
            return ids;
        }
    }

    /**
     * Looks up the visits of the query's {@code visit:exit_page} filters, for an events search to
     * be filtered by them: one search per distinct condition, a terms aggregation of the session
     * ids of the visits that overlap the range and match it. None when the query has no such
     * filter (no round trip); refused when one matches more than {@link #MAX_EXIT_PAGE_VISITS}.
     */
    static CompletableFuture<ExitPageVisits> exitPageVisits(SearchClient client, StatsQuery q) {
        List<Filter.Condition> conditions = new ArrayList<>();
        q.filters().forEach(f -> f.forEachCondition(c -> {
            if (c.dimension().kind() == Kind.VISIT_EXIT_PAGE && !conditions.contains(ExitPageVisits.key(c))) {
                conditions.add(ExitPageVisits.key(c));
            }
        }));
        if (conditions.isEmpty()) {
            return CompletableFuture.completedFuture(ExitPageVisits.NONE);
        }
        Reading sessions = new Reading(Target.SESSIONS, false, ExitPageVisits.NONE);
        List<SearchClient.Search> searches = new ArrayList<>();
        for (Filter.Condition c : conditions) {
            ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", false);
            ObjectNode bool = body.putObject("query").putObject("bool");
            ArrayNode filter = bool.putArray("filter");
            if (q.siteId() != null) {
                filter.addObject().putObject("term").put(Fields.SITE_ID, q.siteId());
            }
            filter.addObject().putObject("range").putObject(Fields.Sessions.START)
                    .put("lt", q.period().to().toEpochMilli()).put("format", "epoch_millis");
            filter.addObject().putObject("range").putObject(Fields.Sessions.END)
                    .put("gte", q.period().from().toEpochMilli()).put("format", "epoch_millis");
            filter.add(FilterClauses.clause(c, sessions));
            body.putObject("aggs").putObject("ids").putObject("terms")
                    .put("field", Fields.Sessions.SESSION_ID).put("size", MAX_EXIT_PAGE_VISITS);
            searches.add(new SearchClient.Search(Target.SESSIONS.index, body));
        }
        return client.multiSearch(searches).thenApply(responses -> {
            Map<Filter.Condition, List<String>> ids = new LinkedHashMap<>();
            for (int i = 0; i < conditions.size(); i++) {
                JsonNode terms = SearchErrors.check(responses.get(i)).path("aggregations").path("ids");
                if (terms.path("sum_other_doc_count").asLong(0) > 0) {
                    throw new QueryException("#/filters: more than " + MAX_EXIT_PAGE_VISITS + " visits match `"
                            + Dimension.of(Kind.VISIT_EXIT_PAGE).apiName() + "` " + conditions.get(i).values() + " in this range, "
                            + "too many to count their events by; narrow the date range.");
                }
                List<String> sessionIds = new ArrayList<>();
                terms.path("buckets").forEach(b -> sessionIds.add(b.path("key").asText()));
                ids.put(conditions.get(i), sessionIds);
            }
            return new ExitPageVisits(ids);
        });
    }

    /**
     * The stored field of a dimension in a part's index: the event's own attribute or its copy of
     * the visit's in the events; the visit's attribute, or the list of what its events were, in
     * the sessions. {@code event:name} and {@code event:props:*} are read by {@link FilterClauses}
     * and {@link Part} themselves.
     */
    static String field(Dimension d, Reading reading) {
        boolean events = reading.target == Target.EVENTS;
        String field = switch (d.kind()) {
            case EVENT_PAGE -> events ? Fields.Events.PAGE_PATH
                    : reading.eventPageIsEntryPage ? Fields.Sessions.ENTRY_PAGE : Fields.Sessions.PAGES;
            case EVENT_HOSTNAME -> events ? Fields.Events.PAGE_HOST : Fields.Sessions.HOSTNAMES;
            case VISIT_ENTRY_PAGE -> events ? Fields.Events.VISIT_ENTRY_PAGE : Fields.Sessions.ENTRY_PAGE;
            // On events, FilterClauses reads an exit page filter as the session ids of its visits.
            case VISIT_EXIT_PAGE -> events ? null : Fields.Sessions.EXIT_PAGE;
            case VISIT_SOURCE, VISIT_UTM_SOURCE -> events ? Fields.Events.VISIT_SOURCE : Fields.Sessions.SOURCE;
            case VISIT_REFERRER -> events ? Fields.Events.VISIT_REFERRER : Fields.Sessions.REFERRER;
            case VISIT_UTM_MEDIUM -> events ? Fields.Events.VISIT_MEDIUM : Fields.Sessions.MEDIUM;
            case VISIT_UTM_CAMPAIGN -> events ? Fields.Events.VISIT_CAMPAIGN : Fields.Sessions.CAMPAIGN;
            case VISIT_UTM_CONTENT -> events ? Fields.Events.VISIT_UTM_CONTENT : Fields.Sessions.UTM_CONTENT;
            case VISIT_UTM_TERM -> events ? Fields.Events.VISIT_UTM_TERM : Fields.Sessions.UTM_TERM;
            // The event's own: the same as its visit's unless the visitor's user agent or address
            // changed within the visit, and stored by every version of the job.
            case VISIT_DEVICE -> events ? Fields.Events.DEVICE_TYPE : Fields.Sessions.DEVICE_TYPE;
            case VISIT_BROWSER -> events ? Fields.Events.BROWSER : Fields.Sessions.BROWSER;
            case VISIT_OS -> events ? Fields.Events.OS : Fields.Sessions.OS;
            case VISIT_COUNTRY -> events ? Fields.Events.COUNTRY : Fields.Sessions.COUNTRY;
            default -> null;
        };
        if (field == null) {
            // The parser's combination rules keep every query away from here.
            throw new IllegalStateException(d + " is not stored in the " + reading.target.name().toLowerCase(Locale.ROOT));
        }
        return field;
    }

    /**
     * Whether reading a dimension takes a field that the job has not always written (so documents
     * of days before it lack it): the visit's attributes on events, the lists of a visit's events
     * and the visit's UTM content and term on sessions.
     */
    static boolean isNewerField(Dimension d, Reading reading) {
        if (reading.target == Target.EVENTS) {
            return d.kind().scope() == Scope.VISIT;
        }
        return switch (d.kind()) {
            case EVENT_PAGE -> !reading.eventPageIsEntryPage;
            case EVENT_HOSTNAME, EVENT_NAME, EVENT_PROPS, VISIT_UTM_CONTENT, VISIT_UTM_TERM -> true;
            default -> false;
        };
    }

    /** One search: the metrics one index computes, grouped by every dimension of the query. */
    static final class Part {
        final Reading reading;
        final Set<Metric> metrics;
        final boolean totalVisitors;

        Part(Reading reading, Set<Metric> metrics, boolean totalVisitors) {
            this.reading = reading;
            this.metrics = metrics;
            this.totalVisitors = totalVisitors;
        }

        ObjectNode request(StatsQuery q) {
            ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", false);
            body.set("query", query(q));
            ObjectNode aggs = body.putObject("aggs");
            int precision = q.dimensions().isEmpty() ? PRECISION_UNGROUPED : PRECISION_GROUPED;
            ObjectNode leaf = leafMetrics(q, precision);
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
            ObjectNode query = scope(q);
            ArrayNode filter = (ArrayNode) query.get("bool").get("filter");
            for (Filter f : q.filters()) {
                filter.add(FilterClauses.clause(f, reading));
            }
            return query;
        }

        /** Whether this part reads a field that documents written by earlier versions lack. */
        boolean readsNewerFields(StatsQuery q) {
            return used(q).stream().anyMatch(d -> isNewerField(d, reading));
        }

        /**
         * The latest document in the query's scope (site, range, counted events, no bots) written
         * before the fields this part reads existed: its field {@link #marker()} is missing.
         */
        SearchClient.Search olderDocumentsSearch(StatsQuery q) {
            ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", false);
            ObjectNode query = scope(q);
            ((ArrayNode) query.get("bool").get("must_not")).addObject().putObject("exists").put("field", marker());
            body.set("query", query);
            body.putObject("aggs").putObject("latest").putObject("max").put("field", Fields.TIMESTAMP);
            return new SearchClient.Search(reading.target.index, body);
        }

        /**
         * Refuses the query when {@link #olderDocumentsSearch} found such a document: counting
         * without it would silently leave it out (it has none of the values).
         */
        void refuseOlderDocuments(StatsQuery q, JsonNode response) {
            JsonNode latest = SearchErrors.check(response).path("aggregations").path("latest").path("value");
            if (latest.isNumber()) {
                throw olderDocumentsInRange(q, this, Instant.ofEpochMilli(latest.asLong()));
            }
        }

        /** A field every document of the version that added this part's newer fields carries. */
        String marker() {
            return reading.target == Target.EVENTS ? Fields.Events.VISIT_DEVICE_TYPE : Fields.Sessions.LISTS_COMPLETE;
        }

        /** Site, date range, counted event types and no bots; the query's filters go next to these. */
        private ObjectNode scope(StatsQuery q) {
            ObjectNode query = JSON.createObjectNode();
            ObjectNode bool = query.putObject("bool");
            ArrayNode filter = bool.putArray("filter");
            FilterClauses.siteAndPeriod(filter, q.siteId(), q.period());
            if (reading.target == Target.EVENTS) {
                // identify, group and alias carry no interaction: they are neither views nor events.
                terms(filter.addObject(), Fields.Events.TYPE, COUNTED_TYPES);
            }
            bool.putArray("must_not").addObject().putObject("term").put(Fields.Events.IS_BOT, true);
            return query;
        }

        private ObjectNode leafMetrics(StatsQuery q, int precision) {
            ObjectNode aggs = JSON.createObjectNode();
            if (reading.target == Target.EVENTS) {
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
                    ObjectNode bounces = JSON.createObjectNode();
                    bounces.putObject("filter").putObject("term").put(Fields.Sessions.IS_BOUNCE, true);
                    ObjectNode entered = enteredOnFilteredPage(q);
                    if (entered == null) {
                        aggs.set("bounces", bounces);
                    } else {
                        ObjectNode base = aggs.putObject("bounce_base");
                        base.set("filter", entered);
                        base.putObject("aggs").set("bounces", bounces);
                    }
                }
                if (metrics.contains(Metric.VISIT_DURATION)) {
                    aggs.putObject("duration").putObject("sum").put("field", Fields.Sessions.DURATION_SECONDS);
                }
            }
            return aggs;
        }

        /**
         * Plausible's bounce rate under a page filter: of the visits that saw the page, those that
         * entered on it (a visit that bounced saw one page, its entry page, so this is the bounce
         * rate of the page's entries, as a breakdown by page shows it). The top-level
         * {@code event:page} conditions, read on the entry page; null when there are none or they
         * already are the entry page.
         */
        private ObjectNode enteredOnFilteredPage(StatsQuery q) {
            if (reading.eventPageIsEntryPage) {
                return null;
            }
            Reading entryPage = new Reading(Target.SESSIONS, true, ExitPageVisits.NONE);
            List<ObjectNode> clauses = new ArrayList<>();
            for (Filter f : q.filters()) {
                if (f instanceof Filter.Condition c && c.dimension().kind() == Kind.EVENT_PAGE) {
                    clauses.add(FilterClauses.clause(c, entryPage));
                }
            }
            if (clauses.isEmpty()) {
                return null;
            }
            ObjectNode out = JSON.createObjectNode();
            ArrayNode all = out.putObject("bool").putArray("filter");
            clauses.forEach(all::add);
            return out;
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
                terms.putObject("terms").put("field", field(d, reading)).put("size", MAX_GROUPS)
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
                if (reading.target == Target.EVENTS) {
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
                        case BOUNCE_RATE -> bounceRate(bucket, docs);
                        case VISIT_DURATION -> ratio(bucket.path("duration").path("value").asDouble(0), docs);
                        case VIEWS_PER_VISIT -> ratio(bucket.path("pageviews").path("value").asDouble(0), docs);
                        default -> throw new IllegalStateException(m + " is not read from sessions");
                    };
                }
                row.put(m, value);
            }
        }

        private static double bounceRate(JsonNode bucket, double visits) {
            JsonNode base = bucket.path("bounce_base");
            if (base.isMissingNode()) {
                return ratio(bucket.path("bounces").path("doc_count").asDouble(0), visits) * 100;
            }
            return ratio(base.path("bounces").path("doc_count").asDouble(0), base.path("doc_count").asDouble(0)) * 100;
        }
    }

    /** The refusal of a query whose range holds documents written before the fields a part reads existed. */
    private static QueryException olderDocumentsInRange(StatsQuery q, Part part, Instant latestOlder) {
        LocalDate last = latestOlder.atZone(q.period().zone()).toLocalDate();
        String what = part.reading.target == Target.EVENTS
                ? "events carrying their visit's attributes (to combine visit attributes with event attributes)"
                : "visits listing what their events were, or their UTM content and term (to count visits by an "
                        + "event attribute, or by `visit:utm_content` or `visit:utm_term`)";
        return new QueryException("#/date_range: this query needs " + what + ", and the range holds documents "
                + "written before Footfall stored those: the last of them is from " + last + " ("
                + q.period().zone().getId() + "). Start the range on " + last.plusDays(1) + " or later; see "
                + "\"Days written before\" in docs/stats-api.md.");
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
