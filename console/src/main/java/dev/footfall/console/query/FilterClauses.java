package dev.footfall.console.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.console.query.Filter.Condition;
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
 */
final class FilterClauses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FilterClauses() {
    }

    static ObjectNode clause(Filter filter, Target target) {
        return clause(filter, d -> RawIndexSource.field(d, target));
    }

    /**
     * @param fieldOf the stored field of a plain dimension in the index searched (event names and
     *                custom properties use the field names events, goals and funnels share)
     */
    static ObjectNode clause(Filter filter, Function<Dimension, String> fieldOf) {
        if (filter instanceof Filter.And and) {
            return bool("filter", and.filters(), fieldOf);
        }
        if (filter instanceof Filter.Or or) {
            ObjectNode out = bool("should", or.filters(), fieldOf);
            ((ObjectNode) out.get("bool")).put("minimum_should_match", 1);
            return out;
        }
        if (filter instanceof Filter.Not not) {
            ObjectNode out = JSON.createObjectNode();
            out.putObject("bool").putArray("must_not").add(clause(not.filter(), fieldOf));
            return out;
        }
        return condition((Condition) filter, fieldOf);
    }

    private static ObjectNode bool(String occur, List<Filter> filters, Function<Dimension, String> fieldOf) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putObject("bool").putArray(occur);
        filters.forEach(f -> list.add(clause(f, fieldOf)));
        return out;
    }

    private static ObjectNode condition(Condition c, Function<Dimension, String> fieldOf) {
        FilterOperator op = c.operator().positive();
        ObjectNode positive = switch (c.dimension().kind()) {
            case EVENT_NAME -> eventName(op, c.values(), c.caseSensitive());
            case EVENT_PROPS -> property(c.dimension().property(), op, c.values(), c.caseSensitive());
            default -> field(fieldOf.apply(c.dimension()), op, c.values(), c.caseSensitive(), "");
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

    /** {@code event:props:<name>}: the {@code name=value} entries of {@code properties_kv}. */
    private static ObjectNode property(String name, FilterOperator op, List<String> values, boolean caseSensitive) {
        return field(Fields.Events.PROPERTIES_KV, op, values, caseSensitive, name + "=");
    }

    /**
     * {@code event:name}: a custom event's name, or {@code pageview} for every page and screen view
     * (Plausible's reserved name). Whether {@code pageview} matches is decided here, not stored.
     */
    private static ObjectNode eventName(FilterOperator op, List<String> values, boolean caseSensitive) {
        boolean pageviews = values.stream().anyMatch(v -> matchesPageview(op, v, caseSensitive));
        ObjectNode out = JSON.createObjectNode();
        ObjectNode bool = out.putObject("bool");
        ArrayNode should = bool.putArray("should");
        if (pageviews) {
            RawIndexSource.terms(should.addObject(), Fields.Events.TYPE, List.of("page", "screen"));
        }
        ObjectNode custom = should.addObject().putObject("bool");
        ArrayNode filter = custom.putArray("filter");
        filter.addObject().putObject("term").put(Fields.Events.TYPE, "track");
        filter.add(field(Fields.Events.EVENT_NAME, op, values, caseSensitive, ""));
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
