package dev.footfall.dashboards.translate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of KQL the shipped visualizations use: empty, one {@code field:value}, or one
 * {@code field >= number} (the funnel steps). Translated as OSD's KQL does (a match or range query
 * in a one-clause should). Anything else is refused rather than
 * guessed, so a new query that the translator cannot check makes a test fail.
 */
final class KqlSubset {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIELD_VALUE = Pattern.compile("\\s*([A-Za-z0-9_.@]+)\\s*:\\s*\"?([^\"\\s()]+)\"?\\s*");
    private static final Pattern AT_LEAST = Pattern.compile("\\s*([A-Za-z0-9_.@]+)\\s*>=\\s*(-?[0-9]+)\\s*");

    /** The field a {@code field:value} query reads, for the mapping checks. */
    static Optional<String> field(String kql) {
        Matcher m = FIELD_VALUE.matcher(kql);
        if (m.matches()) {
            return Optional.of(m.group(1));
        }
        Matcher range = AT_LEAST.matcher(kql);
        return range.matches() ? Optional.of(range.group(1)) : Optional.empty();
    }

    /** Empty for a blank query (match everything). */
    static Optional<ObjectNode> toDsl(String kql) {
        if (kql == null || kql.isBlank()) {
            return Optional.empty();
        }
        Matcher range = AT_LEAST.matcher(kql);
        if (range.matches()) {
            ObjectNode bool = JSON.createObjectNode();
            ObjectNode inner = bool.putObject("bool");
            inner.putArray("should").addObject().putObject("range").putObject(range.group(1))
                    .put("gte", Long.parseLong(range.group(2)));
            inner.put("minimum_should_match", 1);
            return Optional.of(bool);
        }
        Matcher m = FIELD_VALUE.matcher(kql);
        if (!m.matches()) {
            throw new UnsupportedOperationException("KQL beyond a single field:value or field >= n is not translated: '"
                    + kql + "'");
        }
        ObjectNode bool = JSON.createObjectNode();
        ObjectNode inner = bool.putObject("bool");
        inner.putArray("should").addObject().putObject("match").put(m.group(1), m.group(2));
        inner.put("minimum_should_match", 1);
        return Optional.of(bool);
    }

    private KqlSubset() {
    }
}
