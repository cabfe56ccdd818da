package dev.footfall.dashboards.opensearch;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The five daily index families the Flink job writes (docs/index-schema.md). Each has one
 * composable index template and one retention rule.
 */
public enum IndexFamily {
    EVENTS("events", RetentionAge.parse("90d")),
    SESSIONS("sessions", RetentionAge.parse("2y")),
    ROLLUPS("rollups", RetentionAge.parse("2y")),
    INVALID("invalid", RetentionAge.parse("14d")),
    HEALTH("health", RetentionAge.parse("90d"));

    /** Daily indices are suffixed with the UTC date of the document's {@code @timestamp}. */
    public static final DateTimeFormatter DAY_SUFFIX = DateTimeFormatter.ofPattern("uuuu.MM.dd");

    private final String shortName;
    private final RetentionAge defaultRetention;

    IndexFamily(String shortName, RetentionAge defaultRetention) {
        this.shortName = shortName;
        this.defaultRetention = defaultRetention;
    }

    /** {@code events}, {@code sessions}, ...: the name used in options and environment variables. */
    public String shortName() {
        return shortName;
    }

    /** {@code footfall-events}: the template name and the prefix of every daily index. */
    public String prefix() {
        return "footfall-" + shortName;
    }

    /** {@code footfall-events-*}: the index pattern of templates, policies and index patterns. */
    public String indexPattern() {
        return prefix() + "-*";
    }

    public String templateName() {
        return prefix();
    }

    public String policyId() {
        return prefix() + "-retention";
    }

    /** Classpath location of the template JSON (a composable {@code _index_template} body). */
    public String templateResource() {
        return "/footfall/opensearch/index-templates/" + prefix() + ".json";
    }

    public RetentionAge defaultRetention() {
        return defaultRetention;
    }

    public String dailyIndex(LocalDate day) {
        return prefix() + "-" + DAY_SUFFIX.format(day);
    }

    /** The day of a daily index of this family, or empty when the name is not one of ours. */
    public Optional<LocalDate> dayOf(String indexName) {
        String head = prefix() + "-";
        if (!indexName.startsWith(head)) {
            return Optional.empty();
        }
        String suffix = indexName.substring(head.length());
        if (suffix.length() != 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(suffix, DAY_SUFFIX));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static IndexFamily byShortName(String shortName) {
        for (IndexFamily family : values()) {
            if (family.shortName.equals(shortName)) {
                return family;
            }
        }
        throw new IllegalArgumentException("unknown index family '" + shortName + "'");
    }

    /** The family whose pattern matches an index pattern title or index name, if any. */
    public static Optional<IndexFamily> ofIndex(String indexOrPattern) {
        for (IndexFamily family : values()) {
            if (indexOrPattern.equals(family.indexPattern()) || indexOrPattern.startsWith(family.prefix() + "-")) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }
}
