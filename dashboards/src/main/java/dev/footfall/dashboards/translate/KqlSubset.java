package dev.footfall.dashboards.translate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of KQL the shipped visualizations use: empty, or one {@code field:value}. Translated
 * as OSD's KQL does (a match query in a one-clause should). Anything else is refused rather than
 * guessed, so a new query that the translator cannot check makes a test fail.
 */
final class KqlSubset {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIELD_VALUE = Pattern.compile("\\s*([A-Za-z0-9_.@]+)\\s*:\\s*\"?([^\"\\s()]+)\"?\\s*");

    /** The field a {@code field:value} query reads, for the mapping checks. */
    static Optional<String> field(String kql) {
        Matcher m = FIELD_VALUE.matcher(kql);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Empty for a blank query (match everything). */
    static Optional<ObjectNode> toDsl(String kql) {
        if (kql == null || kql.isBlank()) {
            return Optional.empty();
        }
        Matcher m = FIELD_VALUE.matcher(kql);
        if (!m.matches()) {
            throw new UnsupportedOperationException("KQL beyond a single field:value is not translated: '" + kql + "'");
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
