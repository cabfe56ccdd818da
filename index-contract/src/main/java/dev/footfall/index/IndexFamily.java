package dev.footfall.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The daily index families the Flink job writes and everything else reads
 * (docs/index-schema.md). A family is its short name, the default age its indices are kept, and a
 * composable index template at {@link #templateResource()}; everything else (prefix, pattern,
 * daily names, the day of an index) follows from the name.
 *
 * <p>Adding a family is one constant here plus its template JSON next to the others (and its
 * section in docs/index-schema.md, which a test compares with the template). The setup command
 * then installs its template and retention, the local retention enforcer ages it out, and
 * Dashboards gets an index pattern for it.
 *
 * <pre>{@code
 * String index = IndexFamily.EVENTS.dailyIndex(eventTimeMillis);   // footfall-events-2026.03.01
 * client.search(IndexFamily.SESSIONS.indexPattern(), query);       // footfall-sessions-*
 * }</pre>
 */
public enum IndexFamily {
    // The default retention is part of the contract, not of the setup command's settings: it is the
    // promise SECURITY.md makes about how long each kind of data lives (personal events 90 days,
    // anonymous counts 2 years), both enforcers (ISM and the local DailyIndexRetention) apply it,
    // and keeping it beside the family makes a new family one change. Operators override it per
    // family through the setup command (dashboards' RetentionSettings). Years are 365 days: ISM's
    // min_index_age knows no calendar years.
    EVENTS("events", Duration.ofDays(90)),
    SESSIONS("sessions", Duration.ofDays(2 * 365)),
    ROLLUPS("rollups", Duration.ofDays(2 * 365)),
    INVALID("invalid", Duration.ofDays(14)),
    HEALTH("health", Duration.ofDays(90)),
    // Goal conversions and funnel attempts are what reports read over months, as sessions are.
    GOALS("goals", Duration.ofDays(2 * 365)),
    FUNNELS("funnels", Duration.ofDays(2 * 365));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String shortName;
    private final Duration defaultRetention;
    private final String prefix;
    /** {@code footfall-events-}: the daily name without its date, kept so writing one is a concatenation. */
    private final String dailyPrefix;

    IndexFamily(String shortName, Duration defaultRetention) {
        this.shortName = shortName;
        this.defaultRetention = defaultRetention;
        this.prefix = "footfall-" + shortName;
        this.dailyPrefix = prefix + "-";
    }

    /** {@code events}, {@code sessions}, ...: the name used in options and environment variables. */
    public String shortName() {
        return shortName;
    }

    /** {@code footfall-events}: the template name and the prefix of every daily index. */
    public String prefix() {
        return prefix;
    }

    /** {@code footfall-events-*}: the index pattern of searches, templates, policies and index patterns. */
    public String indexPattern() {
        return dailyPrefix + "*";
    }

    public String templateName() {
        return prefix;
    }

    /** The date field every document of the family is timed (and its daily index chosen) by. */
    public String timeField() {
        return Fields.TIMESTAMP;
    }

    /** How long an index is kept unless the operator says otherwise. */
    public Duration defaultRetention() {
        return defaultRetention;
    }

    /** Classpath location of the template JSON (a composable {@code _index_template} body). */
    public String templateResource() {
        return "/dev/footfall/index/templates/" + prefix + ".json";
    }

    /** The template exactly as shipped (single-node shard and replica counts), a fresh copy per call. */
    public ObjectNode template() {
        try (InputStream in = IndexFamily.class.getResourceAsStream(templateResource())) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + templateResource());
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + templateResource(), e);
        }
    }

    /** The daily index of a time in epoch ms (UTC), e.g. {@code footfall-events-2026.03.01}. */
    public String dailyIndex(long epochMillis) {
        return dailyPrefix + IndexDays.dotted(IndexDays.day(epochMillis));
    }

    public String dailyIndex(LocalDate day) {
        return dailyPrefix + IndexDays.dotted(day.toEpochDay());
    }

    /** The day of a daily index of this family, or empty when the name is not one of ours. */
    public Optional<LocalDate> dayOf(String indexName) {
        if (!indexName.startsWith(dailyPrefix)) {
            return Optional.empty();
        }
        return IndexDays.parseDotted(indexName.substring(dailyPrefix.length()));
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
            if (indexOrPattern.startsWith(family.dailyPrefix)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }
}
