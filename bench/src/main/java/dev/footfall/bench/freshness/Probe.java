package dev.footfall.bench.freshness;

/**
 * One event whose way into OpenSearch is timed: acknowledged by the gateway at
 * {@link #ackNanos}, then found searchable as an event document, as part of its session (the
 * session's end has reached the event), and in its rollup row (its event name is unique, so the
 * row exists only once the event is counted).
 */
final class Probe {

    final String siteId;
    final String messageId;
    final String visitorId;
    final String eventName;
    /** Event time, truncated to the millisecond as OpenSearch stores dates. */
    final long eventTimeMillis;
    volatile long ackNanos;
    volatile long eventFoundNanos;
    volatile long sessionFoundNanos;
    volatile long rollupFoundNanos;

    Probe(String siteId, String messageId, String visitorId, String eventName, long eventTimeMillis) {
        this.siteId = siteId;
        this.messageId = messageId;
        this.visitorId = visitorId;
        this.eventName = eventName;
        this.eventTimeMillis = eventTimeMillis;
    }

    String documentId() {
        return siteId + ":" + messageId;
    }

    boolean complete() {
        return eventFoundNanos != 0 && sessionFoundNanos != 0 && rollupFoundNanos != 0;
    }
}
