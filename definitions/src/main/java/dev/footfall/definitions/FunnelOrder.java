package dev.footfall.definitions;

import java.util.Locale;

/** How strictly a funnel's steps must follow one another. */
public enum FunnelOrder {
    /** The steps in order; other page views and events may come between them. */
    ORDERED,
    /** The steps in order with nothing between: no other page view or custom event of the visitor. */
    STRICT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The order named in a definitions file, or null when the text is none of them. */
    static FunnelOrder byWireName(String text) {
        for (FunnelOrder order : values()) {
            if (order.wireName().equals(text)) {
                return order;
            }
        }
        return null;
    }
}
