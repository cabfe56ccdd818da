package dev.footfall.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.console.query.Dimension.Granularity;
import dev.footfall.console.query.Dimension.Kind;
import dev.footfall.console.query.Dimension.Scope;
import dev.footfall.console.query.Filter.Condition;
import dev.footfall.console.query.StatsQuery.Include;
import dev.footfall.console.query.StatsQuery.Order;
import dev.footfall.console.query.StatsQuery.Pagination;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@code POST /api/v2/query} body into a {@link StatsQuery}, or refuses it with a
 * {@link QueryException} whose message names the field by its JSON pointer and says what is wrong,
 * in the words of Plausible's schema validation where Plausible has words for it
 * ({@code #/metrics/0: Invalid metric "foo"}), so clients that show those messages keep working.
 */
public final class QueryParser {

    private static final Set<String> TOP_LEVEL =
            Set.of("site_id", "metrics", "date_range", "dimensions", "filters", "order_by", "include", "pagination");
    private static final Set<String> PROPERTY_NAMES_TOP_LEVEL = Set.of("site_id", "date_range", "filters");
    private static final Set<String> INCLUDE = Set.of("total_rows", "imports", "time_labels");
    private static final Set<String> PAGINATION = Set.of("limit", "offset");
    private static final Set<String> MODIFIERS = Set.of("case_sensitive");
    /** Plausible metrics Footfall does not compute (yet), with the reason the error gives. */
    private static final Map<String, String> NOT_OFFERED = Map.of(
            "group_conversion_rate", "is not offered by Footfall (conversion_rate is)",
            "time_on_page", "is not measured by Footfall",
            "scroll_depth", "is not measured by Footfall",
            "total_revenue", "is not measured by Footfall",
            "average_revenue", "is not measured by Footfall");

    public static final String MISSING_SITE_ID =
            "Missing site ID. Please provide the required site_id parameter with your request.";

    private QueryParser() {
    }

    /**
     * The {@code site_id} of a body, checked only for presence and type: the API authorizes the
     * caller for that site before anything else is read.
     */
    public static String siteId(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new QueryException("#: Type mismatch. Expected Object but got " + typeName(body) + ".");
        }
        JsonNode site = body.get("site_id");
        if (site == null || site.isNull()) {
            throw new QueryException(MISSING_SITE_ID);
        }
        if (!site.isTextual()) {
            throw new QueryException("#/site_id: Type mismatch. Expected String but got " + typeName(site) + ".");
        }
        return site.asText();
    }

    /**
     * @param zone the site's time zone: days, weeks and months are counted in it
     * @param now  the clock, for relative ranges such as {@code 7d}
     */
    public static StatsQuery parse(JsonNode body, ZoneId zone, Instant now) {
        String siteId = siteId(body);
        onlyFields(body, TOP_LEVEL);
        List<String> missing = new ArrayList<>();
        for (String required : List.of("metrics", "date_range")) {
            if (body.get(required) == null || body.get(required).isNull()) {
                missing.add(required);
            }
        }
        if (missing.size() == 1) {
            throw new QueryException("#: Required property " + missing.get(0) + " was not present.");
        }
        if (missing.size() > 1) {
            throw new QueryException("#: Required properties " + String.join(", ", missing) + " were not present.");
        }

        List<Metric> metrics = metrics(body.get("metrics"));
        QueryPeriod period = dateRange(body.get("date_range"), zone, now);
        List<Dimension> dimensions = dimensions(body.get("dimensions"), period);
        JsonNode filtersJson = body.get("filters");
        List<Filter> filters = filters(filtersJson);
        Include include = include(body.get("include"), dimensions);
        Pagination pagination = pagination(body.get("pagination"));
        List<Order> orderBy = orderBy(body.get("order_by"), metrics, dimensions);

        StatsQuery query = new StatsQuery(siteId, metrics, period, dimensions, filters, orderBy, include, pagination,
                filtersJson == null || filtersJson.isNull() ? null : filtersJson);
        validateCombination(query);
        return query;
    }

    /**
     * Reads a body of Footfall's property-names extension ({@code POST /api/footfall/properties}):
     * {@code site_id}, {@code date_range} and {@code filters} with the grammar and messages of a
     * Stats API query. The names are read from events, which are not goal conversions, so a
     * filter on {@code event:goal} is refused; every other filter, visit attributes among them,
     * applies.
     *
     * @return a query counting {@code events}, without dimensions
     */
    public static StatsQuery parsePropertyNames(JsonNode body, ZoneId zone, Instant now) {
        String siteId = siteId(body);
        onlyFields(body, PROPERTY_NAMES_TOP_LEVEL);
        JsonNode range = body.get("date_range");
        if (range == null || range.isNull()) {
            throw new QueryException("#: Required property date_range was not present.");
        }
        QueryPeriod period = dateRange(range, zone, now);
        JsonNode filtersJson = body.get("filters");
        List<Filter> filters = filters(filtersJson);
        Set<String> goals = new TreeSet<>();
        filters.forEach(f -> f.forEachCondition(c -> {
            if (c.dimension().kind() == Kind.EVENT_GOAL) {
                goals.add(c.dimension().apiName());
            }
        }));
        if (!goals.isEmpty()) {
            throw new QueryException("Property names are read from events: Footfall cannot filter them by "
                    + quoted(goals) + " (read from goal conversions); see \"Where the numbers come from\" in "
                    + "docs/stats-api.md.");
        }
        List<Metric> metrics = List.of(Metric.EVENTS);
        return new StatsQuery(siteId, metrics, period, List.of(), filters, StatsQuery.defaultOrder(metrics, List.of()),
                Include.NONE, Pagination.DEFAULT, filtersJson == null || filtersJson.isNull() ? null : filtersJson);
    }

    static void onlyFields(JsonNode body, Set<String> allowed) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new QueryException("#/" + field + ": Schema does not allow additional properties.");
            }
        }
    }

    private static List<Metric> metrics(JsonNode node) {
        if (!node.isArray()) {
            throw new QueryException("#/metrics: Type mismatch. Expected Array but got " + typeName(node) + ".");
        }
        if (node.isEmpty()) {
            throw new QueryException("#/metrics: Expected a minimum of 1 items but got 0.");
        }
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String name = item.isTextual() ? item.asText() : null;
            if (name != null && NOT_OFFERED.containsKey(name)) {
                throw new QueryException("#/metrics/" + i + ": Metric `" + name + "` " + NOT_OFFERED.get(name) + ".");
            }
            Metric metric = name == null ? null : Metric.byApiName(name).orElse(null);
            if (metric == null) {
                throw new QueryException("#/metrics/" + i + ": Invalid metric " + item);
            }
            if (metrics.contains(metric)) {
                throw new QueryException("#/metrics: Expected items to be unique but they were not.");
            }
            metrics.add(metric);
        }
        return metrics;
    }

    static QueryPeriod dateRange(JsonNode node, ZoneId zone, Instant now) {
        if (node.isTextual()) {
            return DateRanges.shorthand(node.asText(), zone, now)
                    .orElseThrow(() -> new QueryException("#/date_range: Invalid date range " + node
                            + " (use day, 7d, 28d, 30d, 91d, month, 6mo, 12mo, year, all, or [start, end])"));
        }
        if (node.isArray() && node.size() == 2 && node.get(0).isTextual() && node.get(1).isTextual()) {
            try {
                return DateRanges.custom(node.get(0).asText(), node.get(1).asText(), zone);
            } catch (IllegalArgumentException e) {
                throw new QueryException("#/date_range: Invalid date range " + node + ": " + e.getMessage());
            }
        }
        throw new QueryException("#/date_range: Invalid date range " + node);
    }

    private static List<Dimension> dimensions(JsonNode node, QueryPeriod period) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new QueryException("#/dimensions: Type mismatch. Expected Array but got " + typeName(node) + ".");
        }
        List<Dimension> dimensions = new ArrayList<>();
        boolean time = false;
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            Dimension dimension = item.isTextual() ? Dimension.byApiName(item.asText()).orElse(null) : null;
            if (dimension == null) {
                throw new QueryException("#/dimensions/" + i + ": Invalid dimension " + item);
            }
            if (dimension.isTime()) {
                if (time) {
                    throw new QueryException("#/dimensions/" + i + ": Invalid dimensions: only one time dimension may be queried.");
                }
                time = true;
                dimension = resolveTime(dimension, period);
            }
            if (dimensions.contains(dimension)) {
                throw new QueryException("#/dimensions: Expected items to be unique but they were not.");
            }
            dimensions.add(dimension);
        }
        return dimensions;
    }

    /** {@code time} becomes the bucket Plausible picks for the range's length. */
    static Dimension resolveTime(Dimension dimension, QueryPeriod period) {
        if (dimension.kind().granularity() != Granularity.AUTO) {
            return dimension;
        }
        Duration length = period.length();
        if (length.compareTo(Duration.ofHours(48)) <= 0) {
            return Dimension.of(Kind.TIME_HOUR);
        }
        if (length.compareTo(Duration.ofDays(40)) <= 0) {
            return Dimension.of(Kind.TIME_DAY);
        }
        if (length.compareTo(Duration.ofDays(52 * 7)) <= 0) {
            return Dimension.of(Kind.TIME_WEEK);
        }
        return Dimension.of(Kind.TIME_MONTH);
    }

    static List<Filter> filters(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new QueryException("#/filters: Type mismatch. Expected Array but got " + typeName(node) + ".");
        }
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            filters.add(filter(node.get(i), "#/filters/" + i));
        }
        return filters;
    }

    private static Filter filter(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty() || !node.get(0).isTextual()) {
            throw new QueryException(path + ": Invalid filter " + node);
        }
        String op = node.get(0).asText();
        switch (op) {
            case "and", "or" -> {
                JsonNode children = node.get(1);
                if (node.size() != 2 || children == null || !children.isArray() || children.isEmpty()) {
                    throw new QueryException(path + ": Invalid filter " + node
                            + " (\"" + op + "\" takes a non-empty list of filters: [\"" + op + "\", [filter, ...]])");
                }
                List<Filter> list = new ArrayList<>();
                for (int i = 0; i < children.size(); i++) {
                    list.add(filter(children.get(i), path + "/1/" + i));
                }
                return op.equals("and") ? new Filter.And(list) : new Filter.Or(list);
            }
            case "not" -> {
                if (node.size() != 2) {
                    throw new QueryException(path + ": Invalid filter " + node + " (\"not\" takes one filter: [\"not\", filter])");
                }
                return new Filter.Not(filter(node.get(1), path + "/1"));
            }
            default -> {
                return condition(node, path);
            }
        }
    }

    private static Condition condition(JsonNode node, String path) {
        FilterOperator operator = FilterOperator.byApiName(node.get(0).asText()).orElse(null);
        if (operator == null) {
            String known = node.get(0).asText();
            if (known.equals("has_done") || known.equals("has_not_done") || known.equals("matches_wildcard")
                    || known.equals("matches_wildcard_not")) {
                throw new QueryException(path + "/0: Filter operator \"" + known + "\" is not available in Footfall.");
            }
            throw new QueryException(path + ": Invalid filter " + node + " (unknown operator " + node.get(0)
                    + "; use is, is_not, contains, contains_not, matches, matches_not, and, or, not)");
        }
        if (node.size() < 3 || node.size() > 4) {
            throw new QueryException(path + ": Invalid filter " + node + " (expected [operator, dimension, [values]])");
        }
        JsonNode dimensionNode = node.get(1);
        Dimension dimension = dimensionNode.isTextual() ? Dimension.byApiName(dimensionNode.asText()).orElse(null) : null;
        if (dimension == null || dimension.isTime()) {
            throw new QueryException(path + "/1: Invalid filter dimension " + dimensionNode);
        }
        JsonNode clauses = node.get(2);
        if (!clauses.isArray() || clauses.isEmpty()) {
            throw new QueryException(path + "/2: Invalid filter " + node + " (expected a non-empty list of values)");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            JsonNode value = clauses.get(i);
            if (!value.isTextual()) {
                throw new QueryException(path + "/2/" + i + ": Invalid filter " + node + " (values must be strings)");
            }
            values.add(value.asText());
        }
        boolean caseSensitive = true;
        if (node.size() == 4) {
            JsonNode modifiers = node.get(3);
            if (!modifiers.isObject()) {
                throw new QueryException(path + "/3: Invalid filter " + node + " (modifiers must be an object)");
            }
            for (Iterator<String> it = modifiers.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!MODIFIERS.contains(name)) {
                    throw new QueryException(path + "/3/" + name + ": Schema does not allow additional properties.");
                }
            }
            JsonNode cs = modifiers.get("case_sensitive");
            if (cs != null) {
                if (!cs.isBoolean()) {
                    throw new QueryException(path + "/3/case_sensitive: Type mismatch. Expected Boolean but got "
                            + typeName(cs) + ".");
                }
                caseSensitive = cs.asBoolean();
            }
        }
        if (dimension.kind() == Kind.VISIT_COUNTRY && (operator == FilterOperator.IS || operator == FilterOperator.IS_NOT)
                && values.stream().anyMatch(v -> v.length() != 2)) {
            throw new QueryException(path + ": Invalid visit:country filter, visit:country needs to be a valid 2-letter country code.");
        }
        if (operator.positive() == FilterOperator.MATCHES) {
            for (int i = 0; i < values.size(); i++) {
                try {
                    SafeRegex.parse(values.get(i));
                } catch (IllegalArgumentException e) {
                    throw new QueryException(path + "/2/" + i + ": Invalid regular expression " + clauses.get(i)
                            + ": " + e.getMessage() + ".");
                }
            }
        }
        return new Condition(operator, dimension, values, caseSensitive);
    }

    private static Include include(JsonNode node, List<Dimension> dimensions) {
        if (node == null || node.isNull()) {
            return Include.NONE;
        }
        if (!node.isObject()) {
            throw new QueryException("#/include: Type mismatch. Expected Object but got " + typeName(node) + ".");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!INCLUDE.contains(e.getKey())) {
                throw new QueryException("#/include/" + e.getKey() + ": Schema does not allow additional properties.");
            }
            if (!e.getValue().isBoolean()) {
                throw new QueryException("#/include/" + e.getKey() + ": Type mismatch. Expected Boolean but got "
                        + typeName(e.getValue()) + ".");
            }
        }
        boolean timeLabels = node.path("time_labels").asBoolean(false);
        if (timeLabels && dimensions.stream().noneMatch(Dimension::isTime)) {
            throw new QueryException("Invalid include.time_labels: requires a time dimension.");
        }
        return new Include(node.path("total_rows").asBoolean(false), node.path("imports").asBoolean(false), timeLabels);
    }

    private static Pagination pagination(JsonNode node) {
        if (node == null || node.isNull()) {
            return Pagination.DEFAULT;
        }
        if (!node.isObject()) {
            throw new QueryException("#/pagination: Type mismatch. Expected Object but got " + typeName(node) + ".");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!PAGINATION.contains(name)) {
                throw new QueryException("#/pagination/" + name + ": Schema does not allow additional properties.");
            }
        }
        int limit = integer(node.get("limit"), "#/pagination/limit", 1, Pagination.MAX_LIMIT, Pagination.MAX_LIMIT);
        int offset = integer(node.get("offset"), "#/pagination/offset", 0, Integer.MAX_VALUE, 0);
        return new Pagination(limit, offset);
    }

    private static int integer(JsonNode node, String path, int min, int max, int absent) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber()) {
            throw new QueryException(path + ": Type mismatch. Expected Integer but got " + typeName(node) + ".");
        }
        if (node.asLong() < min) {
            throw new QueryException(path + ": Expected the value to be >= " + min);
        }
        if (node.asLong() > max) {
            throw new QueryException(path + ": Expected the value to be <= " + max);
        }
        return node.asInt();
    }

    private static List<Order> orderBy(JsonNode node, List<Metric> metrics, List<Dimension> dimensions) {
        if (node == null || node.isNull()) {
            return StatsQuery.defaultOrder(metrics, dimensions);
        }
        if (!node.isArray()) {
            throw new QueryException("#/order_by: Type mismatch. Expected Array but got " + typeName(node) + ".");
        }
        Set<String> queried = new HashSet<>();
        metrics.forEach(m -> queried.add(m.apiName()));
        dimensions.forEach(d -> queried.add(d.apiName()));
        String time = dimensions.stream().filter(Dimension::isTime).map(Dimension::apiName).findFirst().orElse(null);
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            boolean shape = entry.isArray() && entry.size() == 2 && entry.get(0).isTextual() && entry.get(1).isTextual()
                    && (entry.get(1).asText().equals("asc") || entry.get(1).asText().equals("desc"));
            if (!shape) {
                throw new QueryException("#/order_by/" + i + ": Invalid value in order_by " + entry);
            }
            String key = entry.get(0).asText();
            if (key.equals("time") && time != null) {
                key = time; // "time" in order_by follows the resolved time dimension
            }
            if (!queried.contains(key)) {
                throw new QueryException("#/order_by/" + i + ": Invalid order_by entry " + entry
                        + ". Entry is not a queried metric or dimension.");
            }
            orders.add(new Order(key, entry.get(1).asText().equals("asc")));
        }
        return orders;
    }

    /**
     * The rules that span fields: Plausible's (views_per_visit, percentage, session metrics with
     * event dimensions), and Footfall's one of its own, which comes from where each value is stored
     * (docs/stats-api.md, "Where the numbers come from").
     */
    private static void validateCombination(StatsQuery q) {
        GoalSource.check(q);
        if (GoalSource.involvesGoals(q.dimensions(), q.filters())) {
            // Conversions carry what GoalSource.check allows; the conversion rate's denominator is a
            // visitors query on the other filters, which must hold together on its own.
            validateCombination(StatsQuery.of(q.siteId(), List.of(Metric.VISITORS), q.period(), List.of(),
                    GoalSource.withoutGoals(q.filters()), Pagination.DEFAULT));
            return;
        }
        Set<String> filtered = new LinkedHashSet<>();
        Set<Dimension> filteredDimensions = new LinkedHashSet<>();
        q.filters().forEach(f -> f.forEachCondition(c -> {
            filtered.add(c.dimension().apiName());
            filteredDimensions.add(c.dimension());
        }));
        if (q.metrics().contains(Metric.VIEWS_PER_VISIT)) {
            if (filtered.contains("event:page")) {
                throw new QueryException("Metric `views_per_visit` cannot be queried with a filter on `event:page`.");
            }
            if (!q.dimensions().isEmpty()) {
                throw new QueryException("Metric `views_per_visit` cannot be queried with `dimensions`.");
            }
        }
        if (q.metrics().contains(Metric.PERCENTAGE) && q.dimensions().isEmpty()) {
            throw new QueryException("Metric `percentage` requires `dimensions` to be non-empty.");
        }

        List<Dimension> used = new ArrayList<>(q.dimensions());
        used.addAll(filteredDimensions);
        Set<String> eventAttributes = new TreeSet<>();
        for (Dimension d : used) {
            if (d.kind().scope() == Scope.EVENT) {
                eventAttributes.add(d.apiName());
            }
        }
        // Grouped by the exit page, which events do not carry, a query reads the visits only; it
        // cannot when it groups by an event attribute or counts page views or events.
        List<String> countedFromEvents = q.metrics().stream().filter(m -> !m.sessionOnly()).map(Metric::apiName).toList();
        boolean needsEvents = q.dimensions().stream().anyMatch(d -> d.kind().scope() == Scope.EVENT)
                || q.metrics().contains(Metric.PAGEVIEWS) || q.metrics().contains(Metric.EVENTS);
        if (q.dimensions().contains(Dimension.of(Kind.VISIT_EXIT_PAGE)) && !eventAttributes.isEmpty()
                && !countedFromEvents.isEmpty() && needsEvents) {
            throw new QueryException("Footfall cannot group by `visit:exit_page` with " + quoted(eventAttributes)
                    + " for metric(s) `" + String.join(", ", countedFromEvents) + "`: those are counted from events, "
                    + "which carry every attribute of their visit but its exit page (it changes with every page "
                    + "view); see \"Where the numbers come from\" in docs/stats-api.md.");
        }

        List<String> sessionMetrics = q.metrics().stream().filter(Metric::sessionOnly).map(Metric::apiName).toList();
        if (!sessionMetrics.isEmpty()) {
            List<String> eventDimensions = q.dimensions().stream()
                    .filter(d -> d.kind().scope() == Scope.EVENT && d.kind() != Kind.EVENT_PAGE)
                    .map(Dimension::apiName).toList();
            if (!eventDimensions.isEmpty()) {
                throw new QueryException("Session metric(s) `" + String.join(", ", sessionMetrics)
                        + "` cannot be queried along with event dimensions.");
            }
        }
    }

    private static String quoted(Set<String> names) {
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add("`" + n + "`"));
        return String.join(", ", out);
    }

    static String typeName(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "Null";
        }
        if (node.isTextual()) {
            return "String";
        }
        if (node.isIntegralNumber()) {
            return "Integer";
        }
        if (node.isNumber()) {
            return "Number";
        }
        if (node.isBoolean()) {
            return "Boolean";
        }
        return node.isArray() ? "Array" : "Object";
    }
}
