package dev.footfall.event;

import java.util.Locale;
import java.util.Optional;

/** The six message types of the Segment HTTP Tracking API. */
public enum EventType {
    TRACK,
    PAGE,
    SCREEN,
    IDENTIFY,
    GROUP,
    ALIAS;

    /** The lower-case name used on the wire ("track", "page", ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; exact lower case only, as Segment sends it. */
    public static Optional<EventType> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (EventType type : values()) {
            if (type.wireName().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
