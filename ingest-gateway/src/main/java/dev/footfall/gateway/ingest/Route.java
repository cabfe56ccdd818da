package dev.footfall.gateway.ingest;

import dev.footfall.event.EventType;
import java.util.List;

/**
 * The ingest routes: the Segment HTTP Tracking API, the paths the real SDKs post to besides it,
 * and the minimal {@code {name, data}} form. Each route has one canonical path (what metrics and
 * messages name) and the other paths clients use for the same thing.
 */
public enum Route {
    /** {@code /v1/t}: Segment's browser SDK (analytics-next) posts each event to the first letter of its type. */
    TRACK("/v1/track", EventType.TRACK, "/v1/t"),
    PAGE("/v1/page", EventType.PAGE, "/v1/p"),
    SCREEN("/v1/screen", EventType.SCREEN, "/v1/s"),
    IDENTIFY("/v1/identify", EventType.IDENTIFY, "/v1/i"),
    GROUP("/v1/group", EventType.GROUP, "/v1/g"),
    ALIAS("/v1/alias", EventType.ALIAS, "/v1/a"),
    /**
     * {@code /v1/b}: analytics-next's batching delivery. {@code /beacon/v1/batch}: RudderStack's
     * browser SDK in beacon mode, which cannot set headers and puts the write key in the query.
     */
    BATCH("/v1/batch", null, "/v1/b", "/beacon/v1/batch"),
    /** Segment's historical-import route, a batch in all but name; analytics-java posts here. */
    IMPORT("/v1/import", null),
    /** {@code {"name": ..., "data": {...}}}, read as a track event. */
    SIMPLE_EVENT("/api/events", null);

    private final String path;
    private final EventType impliedType;
    private final List<String> aliases;

    Route(String path, EventType impliedType, String... aliases) {
        this.path = path;
        this.impliedType = impliedType;
        this.aliases = List.of(aliases);
    }

    /** The canonical path, without the gateway's path prefix. */
    public String path() {
        return path;
    }

    /** Every path the route answers on, the canonical one first, without the path prefix. */
    public List<String> paths() {
        List<String> all = new java.util.ArrayList<>(aliases.size() + 1);
        all.add(path);
        all.addAll(aliases);
        return List.copyOf(all);
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
