package dev.footfall.gateway.ingest;

import dev.footfall.event.EventType;

/** The ingest routes: the Segment HTTP Tracking API and the design document's minimal form. */
public enum Route {
    TRACK("/v1/track", EventType.TRACK),
    PAGE("/v1/page", EventType.PAGE),
    SCREEN("/v1/screen", EventType.SCREEN),
    IDENTIFY("/v1/identify", EventType.IDENTIFY),
    GROUP("/v1/group", EventType.GROUP),
    ALIAS("/v1/alias", EventType.ALIAS),
    BATCH("/v1/batch", null),
    /** Segment's historical-import route, a batch in all but name; analytics-java posts here. */
    IMPORT("/v1/import", null),
    /** {@code {"name": ..., "data": {...}}}, read as a track event. */
    SIMPLE_EVENT("/api/events", null);

    private final String path;
    private final EventType impliedType;

    Route(String path, EventType impliedType) {
        this.path = path;
        this.impliedType = impliedType;
    }

    public String path() {
        return path;
    }

    /** Whether the body is a {@code {"batch": [...]}} of messages. */
    public boolean isBatch() {
        return this == BATCH || this == IMPORT;
    }

    /** The type the route gives its single event, as Segment does; null for batch and simple. */
    public EventType impliedType() {
        return impliedType;
    }
}
