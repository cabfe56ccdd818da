package dev.footfall.job;

import dev.footfall.event.EventType;
import dev.footfall.job.model.EnrichedEvent;
import dev.footfall.job.model.Enrichment;
import dev.footfall.job.model.ValidEvent;
import java.time.Instant;

/** Fixed instants and builders for the job-side records the operator tests feed in. */
public final class TestEvents {

    /** A Monday morning, well inside one UTC day. */
    public static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    public static final String SITE = "site-1";

    private TestEvents() {
    }

    public static Instant at(int minutes, int seconds) {
        return T0.plusSeconds(minutes * 60L + seconds);
    }

    public static Builder page(String visitor, String messageId, Instant time, String path) {
        return new Builder(EventType.PAGE, visitor, messageId, time).path(path);
    }

    public static Builder track(String visitor, String messageId, Instant time, String name) {
        return new Builder(EventType.TRACK, visitor, messageId, time).name(name).interactive(true);
    }

    /** Builds flat events the way validation and enrichment would produce them. */
    public static final class Builder {
        private final EventType type;
        private final String visitor;
        private final String messageId;
        private final Instant time;
        private String site = SITE;
        private String name;
        private String path;
        private boolean interactive;
        private boolean bot;
        private String userId;
        private String source = "direct";
        private String medium = "none";
        private String referrer;
        private String utmContent;
        private String utmTerm;
        private String[] propertiesKv;

        Builder(EventType type, String visitor, String messageId, Instant time) {
            this.type = type;
            this.visitor = visitor;
            this.messageId = messageId;
            this.time = time;
        }

        public Builder site(String value) {
            site = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder path(String value) {
            path = value;
            return this;
        }

        public Builder interactive(boolean value) {
            interactive = value;
            return this;
        }

        public Builder bot() {
            bot = true;
            return this;
        }

        public Builder userId(String value) {
            userId = value;
            return this;
        }

        /** Top-level properties as the job flattens them: {@code "plan=pro"}, ... */
        public Builder properties(String... keyValues) {
            propertiesKv = keyValues;
            return this;
        }

        public Builder source(String src, String med) {
            source = src;
            medium = med;
            return this;
        }

        /** The referrer URL as enrichment writes it (no query string); its host is derived. */
        public Builder referrer(String url) {
            referrer = url;
            return this;
        }

        public Builder utm(String content, String term) {
            utmContent = content;
            utmTerm = term;
            return this;
        }

        public ValidEvent valid() {
            long millis = time.toEpochMilli();
            return new ValidEvent(site, messageId, type, name, interactive, visitor, visitor, userId, millis,
                    millis + 150, path == null ? null : "https://shop.example" + path, path, null, null, null,
                    null, null, null, null, null, "Mozilla/5.0", "en-US", "footfall.js", "1.0.0", "203.0.113.0",
                    null, propertiesKv, null);
        }

        public EnrichedEvent enriched() {
            return new EnrichedEvent(valid(), new Enrichment(
                    path == null ? null : "https://shop.example" + path, path == null ? null : "shop.example", path,
                    referrer, referrer == null ? null : java.net.URI.create(referrer).getHost(), source, medium, null,
                    utmTerm, utmContent, bot ? "Googlebot" : "Firefox", "125.0",
                    bot ? null : "Linux", null, bot ? "bot" : "desktop", bot, null, null));
        }
    }
}
