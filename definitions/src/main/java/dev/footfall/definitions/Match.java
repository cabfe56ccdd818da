package dev.footfall.definitions;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a goal or a funnel step matches: a page view whose path fits a pattern, or a custom event
 * of a name, optionally with some properties equal to given values.
 */
public sealed interface Match permits Match.Page, Match.Event {

    /** The canonical text of the match, from which definition ids are derived. */
    String canonical();

    /** A short label: the page pattern or the event name. */
    String label();

    /**
     * A page view (page or screen event) whose path, or screen name, fits {@code pattern}: {@code *}
     * stands for any run of characters, {@code /} included, and the rest must match exactly, as
     * Plausible's page goals do.
     */
    record Page(String pattern) implements Match {
        public Page {
            Objects.requireNonNull(pattern, "pattern");
        }

        public boolean hasWildcard() {
            return pattern.indexOf('*') >= 0;
        }

        @Override
        public String canonical() {
            return "page:" + pattern;
        }

        @Override
        public String label() {
            return pattern;
        }
    }

    /**
     * A custom (track) event named {@code name} whose properties include every entry of
     * {@code props}, compared as text the way the job writes {@code properties_kv}
     * ({@code 3} for the number 3, {@code true} for the boolean).
     */
    record Event(String name, SortedMap<String, String> props) implements Match {
        public Event {
            Objects.requireNonNull(name, "name");
            props = props == null ? new TreeMap<>() : new TreeMap<>(props);
        }

        public static Event of(String name, Map<String, String> props) {
            return new Event(name, new TreeMap<>(props));
        }

        /** The {@code key=value} texts an event's {@code properties_kv} must all contain. */
        public String[] requiredKeyValues() {
            return props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        }

        @Override
        public String canonical() {
            StringBuilder text = new StringBuilder("event:").append(name);
            // Lengths make the text unambiguous whatever characters names and values hold.
            props.forEach((k, v) -> text.append('\u0000').append(k.length()).append(':').append(k)
                    .append('=').append(v));
            return text.toString();
        }

        @Override
        public String label() {
            return name;
        }
    }
}
