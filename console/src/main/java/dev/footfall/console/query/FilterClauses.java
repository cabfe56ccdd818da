package dev.footfall.console.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.console.query.Filter.Condition;
import dev.footfall.console.query.RawIndexSource.Reading;
import dev.footfall.console.query.RawIndexSource.Target;
import dev.footfall.index.Fields;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Filter trees as OpenSearch query clauses. Every value from a request travels as a JSON value of a
 * structured query ({@code term}, {@code terms}, {@code wildcard}, {@code regexp}); nothing is
 * parsed by OpenSearch as query text (no {@code query_string}), and wildcard and regexp values are
 * escaped ({@link #wildcardLiteral}, {@link SafeRegex}) so a value can only mean itself.
 *
 * <p>On the sessions, an event attribute is matched against the visit's list of what its events
 * were ({@code pages}, {@code event_names}, ...): a condition holds for a visit when one of its
 * events matches it, and a negated one ({@code is_not}, {@code not}) when none does.
 */
final class FilterClauses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FilterClauses() {
    }

    /**
     * The clauses every search of a query starts with: its site ({@code siteId} null: every site)
     * and its period, as the half-open interval of document times {@code [from, to)}.
     */
    static void siteAndPeriod(ArrayNode filter, String siteId, QueryPeriod period) {
        if (siteId != null) {
            filter.addObject().putObject("term").put(Fields.SITE_ID, siteId);
        }
        filter.addObject().putObject("range").putObject(Fields.TIMESTAMP)
                .put("gte", period.from().toEpochMilli())
                .put("lt", period.to().toEpochMilli())
                .put("format", "epoch_millis");
    }

    /**
     * A filter on the events or the sessions, as the raw engine reads them. Events do not carry
     * their visit's exit page: on them, an exit-page condition is the ids of the visits that end
     * there.
     */
    static ObjectNode clause(Filter filter, Reading reading) {
        Target target = reading.target();
        boolean events = target == Target.EVENTS;
        return clause(filter, new Mapping(d -> RawIndexSource.field(d, reading), target,
                events ? Fields.Events.PROPERTIES_KV : Fields.Sessions.PROPS_KV,
                events ? c -> sessionIds(reading.exitPages().of(c)) : null));
    }

    /**
     * @param fieldOf the stored field of a plain dimension in the index searched (event names and
     *                custom properties use the field names events, goals and funnels share)
     */
    static ObjectNode clause(Filter filter, Function<Dimension, String> fieldOf) {
        return clause(filter, new Mapping(fieldOf, Target.EVENTS, Fields.Events.PROPERTIES_KV, null));
    }

    /**
     * Where one index stores what a filter names: plain dimensions through {@code fieldOf}; event
     * names read as the events store them or as a visit's list ({@code names}); custom properties
     * from {@code propsField}; an exit-page condition by {@code exitPage} where the index does not
     * store it (null: through {@code fieldOf}).
     */
    private record Mapping(Function<Dimension, String> fieldOf, Target names, String propsField,
            Function<Condition, ObjectNode> exitPage) {
    }

    private static ObjectNode clause(Filter filter, Mapping mapping) {
        if (filter instanceof Filter.And and) {
            return bool("filter", and.filters(), mapping);
        }
        if (filter instanceof Filter.Or or) {
            ObjectNode out = bool("should", or.filters(), mapping);
            ((ObjectNode) out.get("bool")).put("minimum_should_match", 1);
            return out;
        }
        if (filter instanceof Filter.Not not) {
            ObjectNode out = JSON.createObjectNode();
            out.putObject("bool").putArray("must_not").add(clause(not.filter(), mapping));
            return out;
        }
        return condition((Condition) filter, mapping);
    }

    private static ObjectNode bool(String occur, List<Filter> filters, Mapping mapping) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putObject("bool").putArray(occur);
        filters.forEach(f -> list.add(clause(f, mapping)));
        return out;
    }

    private static ObjectNode condition(Condition c, Mapping mapping) {
        FilterOperator op = c.operator().positive();
        ObjectNode positive = switch (c.dimension().kind()) {
            case VISIT_EXIT_PAGE -> mapping.exitPage() != null
                    ? mapping.exitPage().apply(c)
                    : field(mapping.fieldOf().apply(c.dimension()), op, c.values(), c.caseSensitive(), "");
            case EVENT_NAME -> eventName(op, c.values(), c.caseSensitive(), mapping.names());
            case EVENT_PROPS -> property(c.dimension().property(), op, c.values(), c.caseSensitive(),
                    mapping.propsField());
            default -> field(mapping.fieldOf().apply(c.dimension()), op, c.values(), c.caseSensitive(), "");
        };
        if (!c.operator().negated()) {
            return positive;
        }
        ObjectNode out = JSON.createObjectNode();
        out.putObject("bool").putArray("must_not").add(positive);
        return out;
    }

    /**
     * A field matching any of the values. {@code prefix} is a literal that precedes every value
     * (the {@code key=} of a custom property).
     */
    private static ObjectNode field(String field, FilterOperator op, List<String> values, boolean caseSensitive,
            String prefix) {
        if (op == FilterOperator.IS && caseSensitive) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode terms = out.putObject("terms").putArray(field);
            values.forEach(v -> terms.add(prefix + v));
            return out;
        }
        ObjectNode out = JSON.createObjectNode();
        ObjectNode bool = out.putObject("bool");
        ArrayNode should = bool.putArray("should");
        for (String v : values) {
            ObjectNode clause = should.addObject();
            switch (op) {
                case IS -> clause.putObject("term").putObject(field)
                        .put("value", prefix + v).put("case_insensitive", true);
                case CONTAINS -> clause.putObject("wildcard").putObject(field)
                        .put("value", wildcardLiteral(prefix) + "*" + wildcardLiteral(v) + "*")
                        .put("case_insensitive", !caseSensitive);
                case MATCHES -> {
                    String regex = SafeRegex.parse(v).lucene();
                    String value = prefix.isEmpty() ? regex : SafeRegex.literal(prefix) + "(" + regex + ")";
                    clause.putObject("regexp").putObject(field)
                            .put("value", value).put("flags", "NONE").put("case_insensitive", !caseSensitive);
                }
                default -> throw new IllegalStateException("not a positive operator: " + op);
            }
        }
        bool.put("minimum_should_match", 1);
        return out;
    }

    /** Events of the given visits: how an events search reads a filter on their visit's exit page. */
    private static ObjectNode sessionIds(List<String> ids) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode terms = out.putObject("terms").putArray(Fields.Events.SESSION_ID);
        ids.forEach(terms::add);
        return out;
    }

    /**
     * {@code event:props:<name>}: the {@code name=value} entries of {@code properties_kv} (events)
     * or {@code props_kv} (a visit's custom events).
     */
    private static ObjectNode property(String name, FilterOperator op, List<String> values, boolean caseSensitive,
            String field) {
        return field(field, op, values, caseSensitive, name + "=");
    }

    /**
     * {@code event:name}: a custom event's name, or {@code pageview} for every page and screen view
     * (Plausible's reserved name). Whether {@code pageview} matches is decided here, not stored: on
     * the events by their type, on the sessions by a page view count above zero.
     */
    private static ObjectNode eventName(FilterOperator op, List<String> values, boolean caseSensitive,
            Target target) {
        boolean pageviews = values.stream().anyMatch(v -> matchesPageview(op, v, caseSensitive));
        ObjectNode out = JSON.createObjectNode();
        ObjectNode bool = out.putObject("bool");
        ArrayNode should = bool.putArray("should");
        if (target == Target.SESSIONS) {
            if (pageviews) {
                should.addObject().putObject("range").putObject(Fields.Sessions.PAGEVIEWS).put("gt", 0);
            }
            should.add(field(Fields.Sessions.EVENT_NAMES, op, values, caseSensitive, ""));
        } else {
            if (pageviews) {
                RawIndexSource.terms(should.addObject(), Fields.Events.TYPE, List.of("page", "screen"));
            }
            ObjectNode custom = should.addObject().putObject("bool");
            ArrayNode filter = custom.putArray("filter");
            filter.addObject().putObject("term").put(Fields.Events.TYPE, "track");
            filter.add(field(Fields.Events.EVENT_NAME, op, values, caseSensitive, ""));
        }
        bool.put("minimum_should_match", 1);
        return out;
    }

    private static boolean matchesPageview(FilterOperator op, String value, boolean caseSensitive) {
        String pageview = RawIndexSource.PAGEVIEW;
        return switch (op) {
            case IS -> caseSensitive ? pageview.equals(value) : pageview.equalsIgnoreCase(value);
            case CONTAINS -> caseSensitive ? pageview.contains(value)
                    : pageview.contains(value.toLowerCase(Locale.ROOT));
            case MATCHES -> SafeRegex.parse(value).find(pageview, caseSensitive);
            default -> false;
        };
    }

    /** A value for a {@code wildcard} query that matches only itself: {@code * ? \} escaped. */
    static String wildcardLiteral(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
